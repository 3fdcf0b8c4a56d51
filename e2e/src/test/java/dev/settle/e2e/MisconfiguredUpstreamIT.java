package dev.settle.e2e;

import static dev.settle.e2e.SettleApi.paymentBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.settle.e2e.SettleApi.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The upstream refuses Settle's own credentials (401, as after a key rotation Settle missed). That
 * says nothing about the customer's payment: it stays PENDING while the charge is tried again, is
 * counted as misconfigured on the worker's metrics, and goes through once the configuration is
 * fixed; left broken past the not-executed horizon (60 s in this stack) it waits for an operator,
 * never FAILED and with the key unburnt.
 */
@ExtendWith(SettleStack.class)
class MisconfiguredUpstreamIT {
  static final Duration WITHIN = Duration.ofSeconds(150);
  static final String REFUSE_CHARGES =
      "{\"mode\":\"AUTH_REFUSED\",\"operation\":\"payment.charge\"}";

  final SettleStack stack = SettleStack.get();
  final SettleApi api = new SettleApi(stack);

  @BeforeEach
  @AfterEach
  void clearFaults() {
    api.clearFaults();
  }

  @Test
  void aPaymentRefusedAsMisconfiguredWaitsPendingAndGoesThroughOnceFixed() {
    String key = "misconfigured-fixed-" + System.nanoTime();
    api.fault(REFUSE_CHARGES);

    Reply first = api.pay(key, paymentBody("mia", "walt", "3.30"));
    assertThat(first.status()).as("%s", first.body()).isEqualTo(202);
    assertThat(first.body().path("status").asText()).isEqualTo("PENDING");
    SettleApi.sleep(Duration.ofSeconds(5));
    assertThat(api.awaitStatus(key, "PENDING", WITHIN).path("failure").isMissingNode()).isTrue();
    assertThat(api.applied(key)).isZero();
    assertThat(misconfiguredCalls()).isPositive();

    api.clearFaults();

    JsonNode confirmed = api.awaitStatus(key, "CONFIRMED", WITHIN);
    assertThat(confirmed.path("upstreamPaymentId").asText()).startsWith("pay_");
    assertThat(api.applied(key)).isEqualTo(1);
    api.assertOneBalancedPosting(key, "mia", "walt", "3.30");
  }

  @Test
  void leftMisconfiguredPastTheHorizonItWaitsForAnOperatorNeverFailed() {
    String key = "misconfigured-left-" + System.nanoTime();
    api.fault(REFUSE_CHARGES);

    assertThat(api.pay(key, paymentBody("mia", "walt", "3.40")).status()).isEqualTo(202);

    JsonNode review = api.awaitStatus(key, "MANUAL_REVIEW", WITHIN);
    assertThat(review.toString()).contains("misconfigured");
    assertThat(api.applied(key)).isZero();
    assertThat(api.ledger(key)).isEmpty();
  }

  /** settle_upstream_call_seconds_count{upstream="payments",outcome="misconfigured"} now. */
  private double misconfiguredCalls() {
    String prefix = "settle_upstream_call_seconds_count{";
    return api.metrics(stack.workerUrl())
        .lines()
        .filter(l -> l.startsWith(prefix))
        .filter(l -> l.contains("outcome=\"misconfigured\"") && l.contains("upstream=\"payments\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
