package dev.settle.e2e;

import static dev.settle.e2e.SettleApi.paymentBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.settle.e2e.SettleApi.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One payment per upstream fault mode, through the real gateway, worker, Temporal dev server,
 * PostgreSQL and upstream-sim. Each asserts the final status, how many times the upstream applied
 * the payment, and the ledger.
 */
@ExtendWith(SettleStack.class)
class PaymentFaultModesIT {
  static final Duration SETTLE_WITHIN = Duration.ofSeconds(60);
  static final String HANG = ",\"latencyMs\":4000";

  final SettleStack stack = SettleStack.get();
  final SettleApi api = new SettleApi(stack);
  String key;

  @BeforeEach
  void freshKey(TestInfo test) {
    key = test.getTestMethod().orElseThrow().getName() + "-" + System.nanoTime();
    api.clearFaults();
  }

  @AfterEach
  void clearFaults() {
    api.clearFaults();
  }

  @Test
  void noFaultIsConfirmedAtOnceAndRepeatsNeverRunTwice() {
    Reply first = api.pay(key, paymentBody("alice", "bob", "12.50"));

    // 201 when decided within the 2 s budget; a machine saturated by other work may answer 202
    // first.
    assertThat(first.status()).as("%s", first.body()).isIn(201, 202);
    assertThat(first.header("Location")).isEqualTo("/v1/operations/" + key);
    first = new Reply(201, first.headers(), api.awaitStatus(key, "CONFIRMED", SETTLE_WITHIN));
    Reply repeat = api.pay(key, paymentBody("alice", "bob", "12.5"));
    assertThat(repeat.status()).isEqualTo(201);
    assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(repeat.body().path("upstreamPaymentId"))
        .isEqualTo(first.body().path("upstreamPaymentId"));
    Reply otherPayload = api.pay(key, paymentBody("alice", "bob", "13.00"));
    assertThat(otherPayload.status()).isEqualTo(422);
    assertThat(otherPayload.header("Content-Type")).startsWith("application/problem+json");
    assertThat(api.applied(key)).isEqualTo(1);
    api.assertOneBalancedPosting(key, "alice", "bob", "12.50");
  }

  @Test
  void concurrentDuplicatesAttachToOneExecution() throws Exception {
    List<Thread> threads = new ArrayList<>();
    List<Reply> replies = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 5; i++) {
      Thread thread =
          new Thread(() -> replies.add(api.pay(key, paymentBody("carol", "dave", "7.00"))));
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(replies)
        .extracting(Reply::status)
        .allMatch(status -> status == 201 || status == 202);
    api.awaitStatus(key, "CONFIRMED", SETTLE_WITHIN);
    assertThat(api.applied(key)).isEqualTo(1);
    api.assertOneBalancedPosting(key, "carol", "dave", "7.00");
  }

  @Test
  void latencyWithinTheReadTimeoutIsConfirmed() {
    api.fault("{\"mode\":\"LATENCY\",\"latencyMs\":300,\"count\":1}");

    Reply reply = api.pay(key, paymentBody("alice", "bob", "1.00"));
    // Decided within the budget on a warm system; a slow machine may answer 202 first.
    assertThat(reply.status()).isIn(201, 202);
    JsonNode op = api.awaitStatus(key, "CONFIRMED", SETTLE_WITHIN);

    assertThat(op.path("executions").asInt()).isEqualTo(1);
    assertThat(api.applied(key)).isEqualTo(1);
    api.assertOneBalancedPosting(key, "alice", "bob", "1.00");
  }

  @Test
  void failBeforeCommitIsRetriedUntilConfirmed() {
    api.fault("{\"mode\":\"FAIL_BEFORE_COMMIT\",\"count\":2}");

    api.pay(key, paymentBody("alice", "bob", "2.00"));
    JsonNode op = api.awaitStatus(key, "CONFIRMED", SETTLE_WITHIN);

    assertThat(op.path("executions").asInt()).isEqualTo(1);
    assertThat(api.applied(key)).isEqualTo(1);
    api.assertOneBalancedPosting(key, "alice", "bob", "2.00");
  }

  /**
   * Five refusals in a row used to fail the payment (five tries in about eight seconds): failing is
   * a decision in time, so it stays PENDING and the sixth try, inside the horizon, charges it.
   */
  @Test
  void moreRefusalsThanTheOldTryLimitAreWaitedOutWithinTheHorizon() {
    api.fault("{\"mode\":\"FAIL_BEFORE_COMMIT\",\"count\":5}");

    api.pay(key, paymentBody("alice", "bob", "2.50"));
    JsonNode op = api.awaitStatus(key, "CONFIRMED", SETTLE_WITHIN);

    assertThat(op.path("executions").asInt()).isEqualTo(1);
    assertThat(api.applied(key)).isEqualTo(1);
    api.assertOneBalancedPosting(key, "alice", "bob", "2.50");
  }

  @Test
  void failBeforeCommitOnEveryTryFailsWithoutEffect() {
    api.fault("{\"mode\":\"FAIL_BEFORE_COMMIT\"}");

    api.pay(key, paymentBody("alice", "bob", "3.00"));
    // PENDING until the not-executed horizon (1 min in this stack) has passed.
    JsonNode op = api.awaitStatus(key, "FAILED", SETTLE_WITHIN.multipliedBy(2));

    assertThat(op.path("failure").path("code").asText()).isEqualTo("upstream-unavailable");
    assertThat(api.applied(key)).isZero();
    assertThat(api.ledger(key)).isEmpty();
  }

  @Test
  void timeoutBeforeCommitIsNotFoundThenReExecutedOnce() {
    api.fault("{\"mode\":\"TIMEOUT_BEFORE_COMMIT\",\"count\":1" + HANG + "}");

    Reply reply = api.pay(key, paymentBody("alice", "bob", "4.00"));
    assertThat(reply.status()).isEqualTo(202);
    assertThat(reply.header("Retry-After")).isNotBlank();
    assertThat(reply.operationStatus()).isIn("PENDING", "UNKNOWN");
    JsonNode op = api.awaitStatus(key, "CONFIRMED", SETTLE_WITHIN);

    assertThat(op.path("executions").asInt()).isEqualTo(2);
    assertThat(api.applied(key)).isEqualTo(1);
    api.assertOneBalancedPosting(key, "alice", "bob", "4.00");
  }

  @Test
  void commitThenTimeoutIsFoundByReconciliation() {
    api.fault("{\"mode\":\"COMMIT_THEN_TIMEOUT\",\"count\":1" + HANG + "}");

    Reply reply = api.pay(key, paymentBody("alice", "bob", "5.00"));
    assertThat(reply.status()).isEqualTo(202);
    JsonNode op = api.awaitStatus(key, "CONFIRMED", SETTLE_WITHIN);

    assertThat(op.path("executions").asInt()).isEqualTo(1);
    assertThat(op.path("reconciliation").path("unknownSince").asText()).isNotBlank();
    assertThat(lookups(op)).contains("FOUND");
    assertThat(api.applied(key)).isEqualTo(1);
    api.assertOneBalancedPosting(key, "alice", "bob", "5.00");
  }

  @Test
  void commitThenResetIsFoundByReconciliation() {
    api.fault("{\"mode\":\"COMMIT_THEN_RESET\",\"count\":1}");

    api.pay(key, paymentBody("alice", "bob", "6.00"));
    JsonNode op = api.awaitStatus(key, "CONFIRMED", SETTLE_WITHIN);

    assertThat(op.path("executions").asInt()).isEqualTo(1);
    assertThat(lookups(op)).contains("FOUND");
    assertThat(api.applied(key)).isEqualTo(1);
    api.assertOneBalancedPosting(key, "alice", "bob", "6.00");
  }

  @Test
  void statusUnavailableKeepsItUnknownUntilTheTemporalCliForcesReconciliation() {
    api.fault("{\"mode\":\"STATUS_UNAVAILABLE\"}");
    api.fault("{\"mode\":\"COMMIT_THEN_TIMEOUT\",\"count\":1" + HANG + "}");

    api.pay(key, paymentBody("alice", "bob", "7.00"));
    JsonNode unknown =
        api.awaitOperation(key, op -> lookups(op).contains("UNAVAILABLE"), SETTLE_WITHIN);
    assertThat(unknown.path("status").asText()).isEqualTo("UNKNOWN");
    assertThat(unknown.path("reconciliation").path("nextAttemptAt").asText()).isNotBlank();
    assertThat(stack.temporal("workflow", "list", "--query", "OperationStatus=\"UNKNOWN\""))
        .contains("demo/" + key);

    api.clearFaults();
    stack.temporal("workflow", "signal", "--workflow-id", "demo/" + key, "--name", "reconcile");
    JsonNode op = api.awaitStatus(key, "CONFIRMED", SETTLE_WITHIN);

    assertThat(steps(op)).contains("RECONCILE_SIGNAL");
    assertThat(api.applied(key)).isEqualTo(1);
    api.assertOneBalancedPosting(key, "alice", "bob", "7.00");
  }

  @Test
  void gatewayReconcileEndpointSignalsTheWorkflow() {
    api.fault("{\"mode\":\"STATUS_UNAVAILABLE\"}");
    api.fault("{\"mode\":\"COMMIT_THEN_TIMEOUT\",\"count\":1" + HANG + "}");
    api.pay(key, paymentBody("erin", "frank", "8.00"));
    api.awaitOperation(key, op -> lookups(op).contains("UNAVAILABLE"), SETTLE_WITHIN);

    api.clearFaults();
    Reply reply = api.reconcile(key);
    assertThat(reply.status()).isEqualTo(202);
    JsonNode op = api.awaitStatus(key, "CONFIRMED", SETTLE_WITHIN);

    assertThat(steps(op)).contains("RECONCILE_SIGNAL");
    assertThat(api.reconcile(key).status()).isEqualTo(200);
    assertThat(api.applied(key)).isEqualTo(1);
    api.assertOneBalancedPosting(key, "erin", "frank", "8.00");
  }

  @Test
  void upstreamRejectionFailsWithoutEffect() {
    Reply reply = api.pay(key, paymentBody("blocked-mallory", "bob", "9.00"));

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.operationStatus()).isEqualTo("FAILED");
    assertThat(reply.body().path("failure").path("code").asText()).isEqualTo("upstream-rejected");
    assertThat(api.applied(key)).isZero();
    assertThat(api.ledger(key)).isEmpty();
  }

  static List<String> lookups(JsonNode op) {
    List<String> outcomes = new ArrayList<>();
    op.path("attempts")
        .forEach(
            a -> {
              if ("LOOKUP".equals(a.path("step").asText())) {
                outcomes.add(a.path("outcome").asText());
              }
            });
    return outcomes;
  }

  static List<String> steps(JsonNode op) {
    List<String> steps = new ArrayList<>();
    op.path("attempts").forEach(a -> steps.add(a.path("step").asText()));
    return steps;
  }
}
