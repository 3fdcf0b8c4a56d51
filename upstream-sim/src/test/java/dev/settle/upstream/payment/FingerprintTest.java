package dev.settle.upstream.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class FingerprintTest {

  private static PaymentRequest request(String debit, String credit, String amount, String cur) {
    return new PaymentRequest(debit, credit, new BigDecimal(amount), cur);
  }

  @Test
  void isTheSha256OfTheCanonicalForm() {
    // printf 'acc-1|acc-2|10|EUR' | sha256sum
    assertThat(Fingerprint.of(request("acc-1", "acc-2", "10.00", "EUR")))
        .isEqualTo("10ddae3675ab03829c05bb1ff76c96a834d1eadc9fa30f1defaa84bc56a61bc5");
  }

  @Test
  void ignoresHowTheAmountIsWritten() {
    String plain = Fingerprint.of(request("a", "b", "10", "EUR"));

    assertThat(Fingerprint.of(request("a", "b", "10.000", "EUR"))).isEqualTo(plain);
    assertThat(Fingerprint.of(request("a", "b", "1E+1", "EUR"))).isEqualTo(plain);
    assertThat(Fingerprint.of(request("a", "b", "0.10", "EUR")))
        .isEqualTo(Fingerprint.of(request("a", "b", "0.1", "EUR")));
  }

  @Test
  void changesWithEveryField() {
    String base = Fingerprint.of(request("a", "b", "10", "EUR"));

    assertThat(Fingerprint.of(request("x", "b", "10", "EUR"))).isNotEqualTo(base);
    assertThat(Fingerprint.of(request("a", "x", "10", "EUR"))).isNotEqualTo(base);
    assertThat(Fingerprint.of(request("a", "b", "10.01", "EUR"))).isNotEqualTo(base);
    assertThat(Fingerprint.of(request("a", "b", "100", "EUR"))).isNotEqualTo(base);
    assertThat(Fingerprint.of(request("a", "b", "10", "USD"))).isNotEqualTo(base);
    assertThat(Fingerprint.of(request("b", "a", "10", "EUR"))).isNotEqualTo(base);
  }
}
