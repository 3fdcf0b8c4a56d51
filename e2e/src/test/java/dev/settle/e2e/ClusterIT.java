package dev.settle.e2e;

import static dev.settle.e2e.SettleApi.paymentBody;
import static dev.settle.workflows.operation.OperationSearchAttributes.OPERATION_STATUS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.settle.e2e.SettleApi.Reply;
import dev.settle.workflows.operation.OperationIds;
import dev.settle.workflows.operation.SettleNames;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The cluster slice of {@code bin/settle test} (issue #17): a stack of its own on Temporal's own
 * server ({@code SETTLE_ENGINE=cluster}: 8 history shards, history and SQL visibility in the
 * stack's PostgreSQL), whatever engine the other tests run on. The ambiguous path, a reconcile
 * forced with the Temporal CLI, a visibility list by {@code OperationStatus}, and a crash and
 * restart of the Temporal server while payments are UNKNOWN, after which nothing is lost or
 * doubled.
 */
class ClusterIT {
  static final Duration WITHIN = Duration.ofSeconds(90);
  static final String HANG = ",\"latencyMs\":4000";
  static final ObjectMapper JSON = new ObjectMapper();

  static SettleStack stack;
  static SettleApi api;
  String key;

  @BeforeAll
  static void startCluster() {
    stack = SettleStack.startCluster();
    api = new SettleApi(stack);
  }

  @AfterAll
  static void stopCluster() {
    if (stack != null) {
      stack.close();
    }
  }

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
  void theStackRunsOnTemporalsServerWithEightShards() throws Exception {
    JsonNode cluster =
        JSON.readTree(stack.temporal("operator", "cluster", "describe", "--output", "json"));
    assertThat(cluster.path("historyShardCount").asInt()).isEqualTo(8);
    assertThat(cluster.path("persistenceStore").asText()).isEqualTo("postgres12");
    assertThat(cluster.path("visibilityStore").asText()).isEqualTo("postgres12");
    assertThat(cluster.path("serverVersion").asText()).isEqualTo("1.32.1");
    assertThat(stack.settle("status", "temporal", "temporal-ui")).contains("healthy");
  }

  @Test
  void anAmbiguousPaymentIs202UnknownListedByStatusAndTheCliSignalReconcilesIt() {
    api.fault("{\"mode\":\"STATUS_UNAVAILABLE\"}");
    api.fault("{\"mode\":\"COMMIT_THEN_TIMEOUT\",\"count\":1" + HANG + "}");

    Reply reply = api.pay(key, paymentBody("alice", "bob", "7.00"));
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(202);
    assertThat(reply.header("Location")).endsWith("/v1/operations/" + key);
    assertThat(reply.operationStatus()).isIn("PENDING", "UNKNOWN");
    JsonNode unknown =
        api.awaitOperation(
            key, op -> PaymentFaultModesIT.lookups(op).contains("UNAVAILABLE"), WITHIN);
    assertThat(unknown.path("status").asText()).isEqualTo("UNKNOWN");

    String workflowId = OperationIds.workflowId("demo", key);
    awaitListed("UNKNOWN", workflowId);
    assertThat(gatewayList("UNKNOWN")).contains("\"operationId\":\"" + key + "\"");

    api.clearFaults();
    stack.temporal(
        "workflow", "signal", "--workflow-id", workflowId, "--name", SettleNames.RECONCILE_SIGNAL);
    JsonNode op = api.awaitStatus(key, "CONFIRMED", WITHIN);

    assertThat(PaymentFaultModesIT.steps(op)).contains("RECONCILE_SIGNAL");
    assertThat(op.path("executions").asInt()).isEqualTo(1);
    assertThat(api.applied(key)).isEqualTo(1);
    api.assertOneBalancedPosting(key, "alice", "bob", "7.00");
    awaitListed("CONFIRMED", workflowId);
    assertThat(temporalList("UNKNOWN")).doesNotContain(workflowId);
  }

  /**
   * Three payments are UNKNOWN (two committed upstream, one never arrived) when the Temporal server
   * is killed with SIGKILL; after it is started again from PostgreSQL each is still there, still
   * UNKNOWN, and settles once the status endpoint is back: one upstream effect and one balanced
   * posting each, the one that never arrived executed a second time, the others not.
   */
  @Test
  void aTemporalServerCrashWhilePaymentsAreUnknownLosesAndDoublesNothing() {
    api.fault("{\"mode\":\"STATUS_UNAVAILABLE\"}");
    Map<String, String> modes = new LinkedHashMap<>();
    modes.put(key + "-a", "COMMIT_THEN_TIMEOUT");
    modes.put(key + "-b", "TIMEOUT_BEFORE_COMMIT");
    modes.put(key + "-c", "COMMIT_THEN_TIMEOUT");
    List<String> keys = new ArrayList<>(modes.keySet());
    for (String k : keys) {
      api.fault("{\"mode\":\"" + modes.get(k) + "\",\"count\":1" + HANG + "}");
      assertThat(api.pay(k, paymentBody("gina", "hank", "3.30")).status()).isEqualTo(202);
      api.awaitOperation(k, op -> PaymentFaultModesIT.lookups(op).contains("UNAVAILABLE"), WITHIN);
    }
    assertThat(api.applied(keys.get(0))).isEqualTo(1);
    assertThat(api.applied(keys.get(1))).isZero();
    assertThat(api.applied(keys.get(2))).isEqualTo(1);

    stack.settle("kill", "temporal");
    stack.settle("start", "temporal");

    for (String k : keys) {
      assertThat(api.operation(k, SettleApi.DEMO_KEY).operationStatus())
          .as("%s after the restart", k)
          .isEqualTo("UNKNOWN");
      awaitListed("UNKNOWN", OperationIds.workflowId("demo", k));
    }
    api.clearFaults();
    for (String k : keys) {
      JsonNode op = api.awaitStatus(k, "CONFIRMED", WITHIN);
      int executions = "TIMEOUT_BEFORE_COMMIT".equals(modes.get(k)) ? 2 : 1;
      assertThat(op.path("executions").asInt()).as("%s", op).isEqualTo(executions);
      assertThat(api.applied(k)).as("upstream effects of %s", k).isEqualTo(1);
      api.assertOneBalancedPosting(k, "gina", "hank", "3.30");
    }
  }

  /** Waits until visibility lists the workflow under the status (it is updated asynchronously). */
  private void awaitListed(String status, String workflowId) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    String listed = temporalList(status);
    while (!listed.contains(workflowId) && System.nanoTime() < deadline) {
      SettleApi.sleep(Duration.ofMillis(500));
      listed = temporalList(status);
    }
    assertThat(listed).as("temporal workflow list by %s", status).contains(workflowId);
  }

  private String temporalList(String status) {
    return stack.temporal(
        "workflow", "list", "--query", OPERATION_STATUS.getName() + "=\"" + status + "\"");
  }

  private String gatewayList(String status) {
    Reply reply =
        api.send(
            HttpRequest.newBuilder(
                    URI.create(stack.gatewayUrl() + "/v1/operations?status=" + status))
                .header("Authorization", "Bearer " + SettleApi.DEMO_KEY)
                .GET());
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    return reply.body().toString();
  }
}
