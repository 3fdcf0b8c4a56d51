package dev.settle.e2e;

import static dev.settle.e2e.SettleApi.paymentBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.settle.e2e.SettleApi.Reply;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Webhooks and statements settle a payment the status lookup cannot: the upstream committed, its
 * answer was lost, and its status endpoint is down. Each asserts the final status, what settled it,
 * one charge upstream and one balanced posting.
 */
@ExtendWith(SettleStack.class)
class EvidenceIT {
  static final Duration WITHIN = Duration.ofSeconds(90);

  final SettleStack stack = SettleStack.get();
  final SettleApi api = new SettleApi(stack);
  String key;

  @BeforeEach
  void freshKey(TestInfo test) {
    key = test.getTestMethod().orElseThrow().getName() + "-" + System.nanoTime();
    api.clearFaults();
  }

  @AfterEach
  void restore() {
    api.webhooks("{\"enabled\":false,\"delayMs\":0}");
    api.clearFaults();
  }

  @Test
  void theUpstreamsWebhookSettlesAPaymentWhoseStatusEndpointIsDown() {
    // Late enough that the charge has timed out and reconciliation found the status endpoint down.
    api.webhooks("{\"enabled\":true,\"delayMs\":4000}");
    stuck();

    JsonNode op = api.awaitStatus(key, "CONFIRMED", WITHIN);

    assertThat(PaymentFaultModesIT.lookups(op)).doesNotContain("FOUND");
    assertThat(settledBy(op)).contains("WEBHOOK").contains(op.path("upstreamPaymentId").asText());
    assertThat(op.path("upstreamPaymentId").asText()).startsWith("pay_");
    assertThat(api.applied(key)).isEqualTo(1);
    api.assertOneBalancedPosting(key, "wendy", "walt", "8.40");
  }

  @Test
  void anImportedStatementSettlesItAndImportingItAgainChangesNothing() {
    stuck();
    api.awaitOperation(key, op -> PaymentFaultModesIT.lookups(op).contains("UNAVAILABLE"), WITHIN);
    String statement = api.statement(LocalDate.now(ZoneOffset.UTC));
    assertThat(statement).contains(api.upstreamKey(key) + ",");

    Reply first = api.importStatement(statement);
    assertThat(first.status()).as("%s", first.body()).isEqualTo(200);
    assertThat(lineOf(first, key).path("outcome").asText()).isEqualTo("MATCHED");
    assertThat(first.body().path("matched").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(first.body().path("lines").asInt())
        .isEqualTo(
            first.body().path("matched").asInt()
                + first.body().path("unmatched").asInt()
                + first.body().path("alreadyFinal").asInt());
    JsonNode confirmed = api.awaitStatus(key, "CONFIRMED", WITHIN);
    assertThat(settledBy(confirmed)).contains("STATEMENT");
    assertThat(PaymentFaultModesIT.lookups(confirmed)).doesNotContain("FOUND");

    Reply second = api.importStatement(statement);
    assertThat(second.status()).isEqualTo(200);
    JsonNode again = lineOf(second, key);
    assertThat(again.path("outcome").asText()).isEqualTo("ALREADY_FINAL");
    assertThat(again.path("status").asText()).isEqualTo("CONFIRMED");
    assertThat(again.path("discrepancy").isMissingNode() || again.path("discrepancy").isNull())
        .isTrue();
    assertThat(api.awaitStatus(key, "CONFIRMED", WITHIN)).isEqualTo(confirmed);
    assertThat(api.applied(key)).isEqualTo(1);
    api.assertOneBalancedPosting(key, "wendy", "walt", "8.40");
  }

  @Test
  void aForgedWebhookIsRefusedAndChangesNothing() {
    stuck();
    JsonNode unknown =
        api.awaitOperation(
            key, op -> PaymentFaultModesIT.lookups(op).contains("UNAVAILABLE"), WITHIN);
    assertThat(unknown.path("status").asText()).isEqualTo("UNKNOWN");
    String forged =
        "{\"id\":\"evt_forged\",\"type\":\"payment.settled\",\"idempotencyKey\":\""
            + api.upstreamKey(key)
            + "\","
            + "\"paymentId\":\"pay_forged\",\"amount\":\"8.40\",\"currency\":\"EUR\",\"status\":\"SETTLED\","
            + "\"settledAt\":\""
            + Instant.now()
            + "\"}";
    long now = Instant.now().getEpochSecond();

    List<Reply> refused = new ArrayList<>();
    refused.add(api.webhook(null, forged));
    refused.add(api.webhook(SettleApi.sign("guessed-secret", now, forged), forged));
    refused.add(api.webhook(SettleApi.sign(SettleApi.WEBHOOK_SECRET, now - 600, forged), forged));
    refused.add(
        api.webhook(
            SettleApi.sign(SettleApi.WEBHOOK_SECRET, now, forged), forged.replace("8.40", "8.41")));

    for (Reply reply : refused) {
      assertThat(reply.status()).as("%s", reply.body()).isEqualTo(401);
      assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
      assertThat(reply.body().path("type").asText())
          .isEqualTo("https://settle.dev/problems/webhook-signature-invalid");
    }
    SettleApi.sleep(Duration.ofSeconds(2));
    JsonNode after = api.awaitStatus(key, "UNKNOWN", WITHIN);
    assertThat(settledBy(after)).isEmpty();
    assertThat(after.path("attempts").findValues("step").stream().map(JsonNode::asText))
        .doesNotContain("EVIDENCE");
    assertThat(api.ledger(key)).isEmpty();

    // A correctly signed webhook about no operation is answered, not failed.
    String stranger = forged.replace(api.upstreamKey(key), "demo/no-such-" + key);
    Reply unmatched =
        api.webhook(SettleApi.sign(SettleApi.WEBHOOK_SECRET, now, stranger), stranger);
    assertThat(unmatched.status()).isEqualTo(200);
    assertThat(unmatched.body().path("matched").asBoolean()).isFalse();

    // The status endpoint back, the lookup settles it with the upstream's real id.
    api.clearFaults();
    JsonNode confirmed = api.awaitStatus(key, "CONFIRMED", WITHIN);
    assertThat(confirmed.path("upstreamPaymentId").asText()).isNotEqualTo("pay_forged");
  }

  /** The upstream commits and hangs past the read timeout; its status endpoint stays down. */
  private void stuck() {
    api.fault("{\"mode\":\"STATUS_UNAVAILABLE\"}");
    api.fault("{\"mode\":\"COMMIT_THEN_TIMEOUT\",\"count\":1,\"latencyMs\":4000}");
    Reply reply = api.pay(key, paymentBody("wendy", "walt", "8.40"));
    assertThat(reply.status()).as("%s", reply.body()).isIn(201, 202);
  }

  /** The details of the evidence that settled the operation, if any. */
  private static String settledBy(JsonNode op) {
    List<String> details = new ArrayList<>();
    for (JsonNode attempt : op.path("attempts")) {
      if (attempt.path("step").asText().equals("EVIDENCE")
          && attempt.path("outcome").asText().equals("SETTLED")) {
        details.add(attempt.path("detail").asText());
      }
    }
    return String.join(" | ", details);
  }

  private JsonNode lineOf(Reply report, String key) {
    String upstreamKey = api.upstreamKey(key);
    for (JsonNode line : report.body().path("results")) {
      if (line.path("idempotencyKey").asText().equals(upstreamKey)) {
        return line;
      }
    }
    throw new AssertionError("no line for " + upstreamKey + " in " + report.body());
  }
}
