package dev.settle.e2e;

import static dev.settle.e2e.SettleApi.paymentBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.settle.e2e.SettleApi.Reply;
import dev.settle.workflows.operation.SettleNames;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The upstream says it settled a payment Settle answered FAILED. The payment's workflow has closed
 * and takes no signals; the contradiction opens a discrepancy case that an operator finds in the
 * status resource, in a visibility list and on the metrics page, and closes with a CLI signal.
 */
@ExtendWith(SettleStack.class)
class DiscrepancyCaseIT {
  static final Duration WITHIN = Duration.ofSeconds(60);
  static final String OPEN = "DiscrepancyOf IS NOT NULL AND ExecutionStatus=\"Running\"";

  final SettleStack stack = SettleStack.get();
  final SettleApi api = new SettleApi(stack);

  @Test
  void settlementOfAFailedPaymentOpensACaseUntilAnOperatorAcknowledgesIt() {
    // Cases other tests left open, once the gauge agrees with visibility.
    awaitOpenGauge(open -> open == openCases());
    long before = openCases();
    String key = declinedThenSettled(api, "discrepancy-");
    String workflowId = "demo/" + key;

    // The status resource shows the case; the payment's own answer stays what it was.
    JsonNode op =
        api.awaitOperation(key, o -> o.path("discrepancy").path("open").asBoolean(), WITHIN);
    assertThat(op.path("status").asText()).isEqualTo("FAILED");
    assertThat(op.path("discrepancy").path("reports").asInt()).isEqualTo(1);
    assertThat(op.path("discrepancy").path("latest").asText()).contains("pay_contradiction");

    // The same webhook again (another delivery) is the same fact: still one report.
    String again =
        settledWebhook("evt_" + key + "-redelivered", api.upstreamKey(key), "pay_contradiction");
    api.webhook(
        SettleApi.sign(SettleApi.WEBHOOK_SECRET, Instant.now().getEpochSecond(), again), again);
    assertThat(
            api.operation(key, SettleApi.DEMO_KEY)
                .body()
                .path("discrepancy")
                .path("reports")
                .asInt())
        .isEqualTo(1);

    // An operator lists the open cases by their search attribute, and the gauge counts it.
    String caseId = SettleNames.DISCREPANCY_ID_PREFIX + workflowId;
    assertThat(openCaseOf(workflowId)).contains(caseId);
    awaitOpenGauge(open -> open == before + 1);
    assertThat(api.gatewayMetrics())
        .contains("settle_evidence_discrepancies_total{source=\"webhook\"}");

    stack.temporal(
        "workflow",
        "signal",
        "--workflow-id",
        caseId,
        "--name",
        SettleNames.ACKNOWLEDGE_SIGNAL,
        "--input",
        "{\"by\":\"ops-anna\",\"note\":\"upstream refunded pay_contradiction\"}");

    JsonNode closed =
        api.awaitOperation(
            key,
            o ->
                o.path("discrepancy").has("open")
                    && !o.path("discrepancy").path("open").asBoolean(),
            WITHIN);
    assertThat(closed.path("discrepancy").path("acknowledgedBy").asText()).isEqualTo("ops-anna");
    assertThat(closed.path("discrepancy").path("note").asText()).contains("refunded");
    assertThat(openCaseOf(workflowId)).doesNotContain(caseId);
    awaitOpenGauge(open -> open == before);
    assertThat(api.ledger(key)).isEmpty();
  }

  /**
   * A payment the upstream declines (FAILED at once), then a correctly signed webhook saying the
   * upstream settled it as pay_contradiction. Returns the payment's key.
   */
  static String declinedThenSettled(SettleApi api, String prefix) {
    String key = prefix + System.nanoTime();
    api.clearFaults();
    Reply declined = api.pay(key, paymentBody("blocked-dora", "walt", "6.10"));
    assertThat(declined.status()).as("%s", declined.body()).isEqualTo(201);
    assertThat(declined.body().path("status").asText()).isEqualTo("FAILED");

    String settled = settledWebhook("evt_" + key, api.upstreamKey(key), "pay_contradiction");
    long now = Instant.now().getEpochSecond();
    Reply answer = api.webhook(SettleApi.sign(SettleApi.WEBHOOK_SECRET, now, settled), settled);
    assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
    assertThat(answer.body().path("discrepancy").asText()).contains("FAILED", "pay_contradiction");
    return key;
  }

  private static String settledWebhook(String eventId, String upstreamKey, String paymentId) {
    return "{\"id\":\""
        + eventId
        + "\",\"type\":\"payment.settled\",\"idempotencyKey\":\""
        + upstreamKey
        + "\",\"paymentId\":\""
        + paymentId
        + "\",\"amount\":\"6.10\",\"currency\":\"EUR\",\"status\":\"SETTLED\",\"settledAt\":\""
        + Instant.now()
        + "\"}";
  }

  private void awaitOpenGauge(java.util.function.LongPredicate expected) {
    api.awaitGatewayGauge("settle_discrepancies_open", open -> expected.test((long) open), WITHIN);
  }

  /** The running cases about one operation, as an operator lists them. */
  private String openCaseOf(String workflowId) {
    return stack.temporal(
        "workflow",
        "list",
        "--query",
        "DiscrepancyOf=\"" + workflowId + "\" AND ExecutionStatus=\"Running\"");
  }

  private long openCases() {
    String out = stack.temporal("workflow", "count", "--query", OPEN);
    java.util.regex.Matcher total = java.util.regex.Pattern.compile("Total: (\\d+)").matcher(out);
    assertThat(total.find()).as(out).isTrue();
    return Long.parseLong(total.group(1));
  }
}
