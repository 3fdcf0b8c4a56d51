package dev.settle.e2e;

import static dev.settle.e2e.SettleApi.paymentBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.settle.workflows.operation.SettleNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs every {@code runbook:} block of docs/operations.md, exactly as written, against the stack:
 * an operator following the runbook gets what it promises.
 */
@ExtendWith(SettleStack.class)
class RunbookIT {
  static final Pattern BLOCK =
      Pattern.compile("```sh runbook:([a-z-]+)\\n(.*?)```", Pattern.DOTALL);
  static final Duration WITHIN = Duration.ofSeconds(90);

  final SettleStack stack = SettleStack.get();
  final SettleApi api = new SettleApi(stack);
  final Map<String, String> blocks = new LinkedHashMap<>();
  final TreeSet<String> ran = new TreeSet<>();

  RunbookIT() throws IOException {
    Matcher m = BLOCK.matcher(Files.readString(stack.repo.resolve("docs/operations.md")));
    while (m.find()) {
      blocks.put(m.group(1), m.group(2));
    }
  }

  @AfterEach
  void clearFaults() {
    api.clearFaults();
  }

  @Test
  void everyRunbookCommandDoesWhatItSays() {
    // An operation stuck in UNKNOWN: the upstream applied it, but its status endpoint is down.
    String stuck = stuckPayment("runbook-one-", "COMMIT_THEN_TIMEOUT");
    assertThat(run("list-unknown", stuck)).contains("demo/" + stuck);
    assertThat(run("count", stuck)).containsPattern("Total: [1-9]");
    assertThat(run("gateway-list", stuck)).contains("\"operationId\":\"" + stuck + "\"");
    assertThat(run("describe", stuck)).contains("UNKNOWN").contains("\"status\":\"UNKNOWN\"");
    api.clearFaults();
    run("reconcile-one", stuck);
    api.awaitStatus(stuck, "CONFIRMED", WITHIN);

    String batch = stuckPayment("runbook-batch-", "COMMIT_THEN_TIMEOUT");
    api.clearFaults();
    run("reconcile-all", batch);
    api.awaitStatus(batch, "CONFIRMED", WITHIN);

    String viaGateway = stuckPayment("runbook-gw-", "COMMIT_THEN_TIMEOUT");
    api.clearFaults();
    assertThat(run("gateway-reconcile", viaGateway)).contains("RECONCILE_SIGNAL");
    api.awaitStatus(viaGateway, "CONFIRMED", WITHIN);

    // Past the horizon (30 s in this stack) with the status endpoint still down: MANUAL_REVIEW.
    String applied = stuckPayment("runbook-applied-", "COMMIT_THEN_TIMEOUT");
    String neverArrived = stuckPayment("runbook-lost-", "TIMEOUT_BEFORE_COMMIT");
    api.awaitStatus(applied, "MANUAL_REVIEW", WITHIN);
    api.awaitStatus(neverArrived, "MANUAL_REVIEW", WITHIN);
    assertThat(run("count", applied)).containsPattern("Total: [1-9]");
    run("resolve", applied);
    assertThat(api.awaitStatus(applied, "CONFIRMED", WITHIN).path("upstreamPaymentId").asText())
        .isEqualTo("pay_from_statement");
    api.assertOneBalancedPosting(applied, "olly", "pam", "4.20");
    run("gateway-resolve", neverArrived);
    assertThat(
            api.awaitStatus(neverArrived, "FAILED", WITHIN)
                .path("resolution")
                .path("operator")
                .asText())
        .as("the operator is the holder of the operator key")
        .isEqualTo("ops");
    assertThat(api.ledger(neverArrived)).isEmpty();
    assertThat(api.applied(neverArrived)).isZero();

    // The status endpoint still down, the upstream's statement is what settles it.
    String onStatement = stuckPayment("runbook-statement-", "COMMIT_THEN_TIMEOUT");
    assertThat(run("import-statement", onStatement))
        .contains("\"idempotencyKey\":\"" + api.upstreamKey(onStatement) + "\"");
    assertThat(api.awaitStatus(onStatement, "CONFIRMED", WITHIN).path("attempts").toString())
        .contains("STATEMENT");
    api.assertOneBalancedPosting(onStatement, "olly", "pam", "4.20");

    redeliverAFailedCallback();

    // The upstream settles a payment Settle answered FAILED: a case, acknowledged by the runbook.
    String contradicted = DiscrepancyCaseIT.declinedThenSettled(api, "runbook-discrepancy-");
    assertThat(run("list-discrepancies", contradicted))
        .contains(SettleNames.DISCREPANCY_ID_PREFIX + "demo/" + contradicted);
    assertThat(run("describe-discrepancy", contradicted)).contains("pay_contradiction");
    run("acknowledge-discrepancy", contradicted);
    JsonNode acknowledged =
        api.awaitOperation(
            contradicted,
            op ->
                op.path("discrepancy").has("open")
                    && !op.path("discrepancy").path("open").asBoolean(),
            WITHIN);
    assertThat(acknowledged.path("discrepancy").path("acknowledgedBy").asText()).isEqualTo("ops");

    assertThat(ran)
        .as("runbook blocks never run by this test")
        .isEqualTo(new TreeSet<>(blocks.keySet()));
  }

  /** A client callback whose receiver kept failing past the horizon (8 s in this stack). */
  private void redeliverAFailedCallback() {
    try (CallbackReceiver receiver = new CallbackReceiver(SettleStack.CALLBACK_SECRET, 0, true)) {
      String key = "runbook-callback-" + System.nanoTime();
      api.pay(
          key, ClientCallbacksIT.withCallback(paymentBody("olly", "pam", "1.10"), receiver.url()));
      api.awaitOperation(
          key, op -> "FAILED".equals(op.path("callback").path("status").asText()), WITHIN);
      assertThat(run("list-callbacks-failed", key)).contains("demo/" + key);
      receiver.recover();
      run("redeliver-callback", key);
      api.awaitOperation(
          key, op -> "DELIVERED".equals(op.path("callback").path("status").asText()), WITHIN);
      assertThat(receiver.processed).containsKey(key);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private String stuckPayment(String prefix, String mode) {
    String key = prefix + System.nanoTime();
    api.fault("{\"mode\":\"STATUS_UNAVAILABLE\"}");
    api.fault("{\"mode\":\"" + mode + "\",\"count\":1,\"latencyMs\":4000}");
    api.pay(key, paymentBody("olly", "pam", "4.20"));
    api.awaitOperation(key, op -> PaymentFaultModesIT.lookups(op).contains("UNAVAILABLE"), WITHIN);
    return key;
  }

  private String run(String name, String key) {
    String script = blocks.get(name);
    assertThat(script).as("runbook block %s", name).isNotNull();
    ran.add(name);
    Map<String, String> env = new HashMap<>(stack.env);
    env.put("PATH", stack.temporalBinary().getParent() + ":" + System.getenv("PATH"));
    env.put("TEMPORAL_ADDRESS", stack.target().temporalAddress());
    env.put("SETTLE_GATEWAY", stack.gatewayUrl());
    env.put("API_KEY", SettleApi.DEMO_KEY);
    env.put("OPERATOR_KEY", SettleApi.OPERATOR_KEY);
    env.put("SETTLE_UPSTREAM", stack.upstreamUrl());
    env.put("KEY", key);
    env.put("WORKFLOW_ID", "demo/" + key);
    env.put("CLIENT_ID", "demo");
    try {
      Path log = Files.createTempFile("runbook", ".log");
      ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script);
      builder.environment().putAll(env);
      builder.redirectErrorStream(true).redirectOutput(log.toFile());
      Process process = builder.start();
      assertThat(process.waitFor(60, TimeUnit.SECONDS))
          .as("runbook block %s finished", name)
          .isTrue();
      String output = Files.readString(log);
      Files.delete(log);
      assertThat(process.exitValue())
          .as("runbook block %s:\n%s\n%s", name, script, output)
          .isZero();
      return output;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
