package dev.settle.activities.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.settle.workflows.payment.LookupInput;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class FoundPaymentTest {
  static final LookupInput ASKED =
      new LookupInput("demo:0123456789ab/k", "alice", "bob", new BigDecimal("12.50"), "EUR");

  @Test
  void thePaymentAskedForMatchesWhateverTheScaleOfItsAmount() throws Exception {
    assertThat(FoundPayment.differenceFrom(ASKED, found("alice", "bob", "12.5", "EUR"))).isNull();
  }

  @Test
  void anyOtherAmountCurrencyOrAccountIsADifference() throws Exception {
    assertThat(FoundPayment.differenceFrom(ASKED, found("alice", "bob", "99.00", "EUR")))
        .contains("amount 99, asked 12.5");
    assertThat(FoundPayment.differenceFrom(ASKED, found("alice", "bob", "12.50", "USD")))
        .contains("currency USD, asked EUR");
    assertThat(FoundPayment.differenceFrom(ASKED, found("carol", "bob", "12.50", "EUR")))
        .contains("debitAccount carol, asked alice");
    assertThat(FoundPayment.differenceFrom(ASKED, found("alice", "dave", "12.50", "EUR")))
        .contains("creditAccount dave, asked bob");
  }

  @Test
  void aBodyThatSaysNothingIsNeverTheMoneyAskedFor() {
    assertThat(FoundPayment.differenceFrom(ASKED, new ObjectMapper().missingNode()))
        .contains("amount none");
  }

  @Test
  void lookupsOfHistoriesFromBeforeTheCheckCompareNothing() throws Exception {
    assertThat(
            FoundPayment.differenceFrom(
                new LookupInput("demo/k"), found("carol", "dave", "1.00", "USD")))
        .isNull();
  }

  private static JsonNode found(String debit, String credit, String amount, String currency)
      throws Exception {
    return new ObjectMapper()
        .readTree(
            "{\"paymentId\":\"pay_1\",\"debitAccount\":\""
                + debit
                + "\",\"creditAccount\":\""
                + credit
                + "\",\"amount\":"
                + amount
                + ",\"currency\":\""
                + currency
                + "\"}");
  }
}
