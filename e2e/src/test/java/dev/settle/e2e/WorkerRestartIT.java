package dev.settle.e2e;

import static dev.settle.e2e.SettleApi.paymentBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.settle.workflows.operation.UpstreamKeys;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A payment that is UNKNOWN when its worker stops still settles, once, after a worker returns. */
@ExtendWith(SettleStack.class)
class WorkerRestartIT {
  final SettleStack stack = SettleStack.get();
  final SettleApi api = new SettleApi(stack);
  static final ObjectMapper JSON = new ObjectMapper();

  @AfterEach
  void workerIsBack() {
    api.clearFaults();
    stack.settle("start", "worker");
  }

  @Test
  void unknownPaymentSurvivesAWorkerRestart() {
    String key = "restart-" + System.nanoTime();
    api.clearFaults();
    api.fault("{\"mode\":\"STATUS_UNAVAILABLE\"}");
    api.fault("{\"mode\":\"COMMIT_THEN_TIMEOUT\",\"count\":1,\"latencyMs\":4000}");
    api.pay(key, paymentBody("gina", "hank", "10.00"));
    api.awaitStatus(key, "UNKNOWN", Duration.ofSeconds(30));

    stack.settle("stop", "worker");
    api.clearFaults();
    // With no worker, the gateway still answers from Temporal's visibility record.
    assertThat(api.operation(key, SettleApi.DEMO_KEY).operationStatus()).isEqualTo("UNKNOWN");
    stack.settle("start", "worker");
    JsonNode op = api.awaitStatus(key, "CONFIRMED", Duration.ofSeconds(90));

    assertThat(op.path("executions").asInt()).isEqualTo(1);
    assertThat(api.applied(key)).isEqualTo(1);
    api.assertOneBalancedPosting(key, "gina", "hank", "10.00");
  }

  /**
   * The worker dies while its charge waits on an upstream that has already committed, and every
   * later try is refused before it reaches the upstream (503 here; an open breaker in ScaleOutIT,
   * where this was found). Those refusals speak only for their own tries: the payment is reconciled
   * and confirmed, never FAILED with the money moved.
   */
  @Test
  void aChargeLostWithItsWorkerIsNotFailedByTheRefusalsAfterIt() throws Exception {
    String key = "lost-call-" + System.nanoTime();
    api.clearFaults();
    api.fault("{\"mode\":\"COMMIT_THEN_TIMEOUT\",\"count\":1,\"latencyMs\":10000}");
    CompletableFuture<SettleApi.Reply> first =
        CompletableFuture.supplyAsync(() -> api.pay(key, paymentBody("kim", "lou", "13.00")));

    // Killed while the committed charge's answer hangs, before the worker's read timeout. The
    // charge is the happy path's local try, inside a workflow task: a state query would wait for
    // that task, so the upstream key is derived from the run ID, which Temporal tells at once.
    String upstreamKey = firstRunUpstreamKey(key);
    Instant deadline = Instant.now().plusSeconds(30);
    while (api.appliedUnder(upstreamKey) == 0) {
      assertThat(Instant.now()).as("the charge reached the upstream").isBefore(deadline);
      SettleApi.sleep(Duration.ofMillis(20));
    }
    stack.settle("kill", "worker");
    api.clearFaults();
    api.fault("{\"mode\":\"FAIL_BEFORE_COMMIT\",\"path\":\"/payments\"}");
    stack.settle("start", "worker");

    assertThat(first.get(60, TimeUnit.SECONDS).status()).isIn(201, 202);
    JsonNode op =
        api.awaitOperation(
            key,
            o -> o.path("status").asText().matches("CONFIRMED|FAILED"),
            Duration.ofSeconds(120));
    assertThat(op.path("status").asText()).as("%s", op).isEqualTo("CONFIRMED");
    assertThat(op.path("attempts").toString())
        .as("the refused retries were read as ambiguous because the first try was lost")
        .contains("was sent and never answered");
    assertThat(api.applied(key)).isEqualTo(1);
    api.assertOneBalancedPosting(key, "kim", "lou", "13.00");
  }

  private String firstRunUpstreamKey(String key) {
    Instant deadline = Instant.now().plusSeconds(30);
    while (true) {
      try {
        JsonNode described =
            JSON.readTree(
                stack.temporal("workflow", "describe", "-w", "demo/" + key, "--output", "json"));
        String runId =
            described.path("workflowExecutionInfo").path("execution").path("runId").asText();
        if (!runId.isEmpty()) {
          return UpstreamKeys.of("demo", key, runId);
        }
      } catch (RuntimeException | IOException notStartedYet) {
        // not started yet: asked again below
      }
      assertThat(Instant.now()).as("the payment's workflow started").isBefore(deadline);
      SettleApi.sleep(Duration.ofMillis(20));
    }
  }

  /**
   * With no worker, no update validator compares payloads; the gateway still must answer 422 to a
   * different payload, never the other payload's operation (found by the chaos run, seed 1).
   */
  @Test
  void aDifferentPayloadIs422WhileNoWorkerRuns() {
    String key = "no-worker-" + System.nanoTime();
    stack.settle("stop", "worker");

    assertThat(api.pay(key, paymentBody("ivy", "jon", "11.00")).status()).isEqualTo(202);
    SettleApi.Reply other = api.pay(key, paymentBody("ivy", "jon", "12.00"));
    assertThat(other.status()).as("%s", other.body()).isEqualTo(422);
    assertThat(other.body().path("type").asText()).endsWith("/idempotency-key-reused");
    assertThat(api.pay(key, paymentBody("ivy", "jon", "11.00")).status()).isEqualTo(202);

    stack.settle("start", "worker");
    JsonNode op = api.awaitStatus(key, "CONFIRMED", Duration.ofSeconds(90));
    assertThat(op.path("amount").asText()).isEqualTo("11.00");
    assertThat(api.applied(key)).isEqualTo(1);
    api.assertOneBalancedPosting(key, "ivy", "jon", "11.00");
  }
}
