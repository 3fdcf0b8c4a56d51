package dev.settle.bench.payment;

import dev.settle.bench.load.Operation;
import dev.settle.bench.load.Scenario;
import dev.settle.stackkit.http.GatewayClient;
import dev.settle.stackkit.http.Http;
import dev.settle.stackkit.http.UpstreamAdmin;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;

/**
 * Every upstream call commits and then its answer is lost (COMMIT_THEN_TIMEOUT, longer than the
 * worker's read timeout): each payment goes UNKNOWN and reconciliation finds it. Measures the first
 * answer (202 after the decision budget), completion, and UNKNOWN → CONFIRMED from the operation's
 * own timestamps, at the stack's default reconciliation settings.
 */
final class AmbiguousScenario implements Scenario {
  static final String UNKNOWN_TO_CONFIRMED = "unknown→confirmed";

  private final GatewayClient gateway;
  private final UpstreamAdmin upstream;
  private final WorkflowClient client;
  private final PaymentFixtures fixtures;
  private final Duration faultLatency;

  AmbiguousScenario(
      GatewayClient gateway,
      UpstreamAdmin upstream,
      WorkflowClient client,
      PaymentFixtures fixtures,
      Duration faultLatency) {
    this.gateway = gateway;
    this.upstream = upstream;
    this.client = client;
    this.fixtures = fixtures;
    this.faultLatency = faultLatency;
  }

  @Override
  public String name() {
    return "ambiguous";
  }

  @Override
  public boolean usesSettleWorker() {
    return true;
  }

  @Override
  public void beforeCell() throws Exception {
    // Every payment commits, then its answer is held for longer than the worker's read timeout.
    upstream.addFault(
        "{\"mode\":\"COMMIT_THEN_TIMEOUT\",\"probability\":1,\"latencyMs\":"
            + faultLatency.toMillis()
            + "}");
  }

  @Override
  public void afterCell() throws Exception {
    upstream.clearFaults();
  }

  @Override
  public Operation operation() {
    return (seq, marks) -> {
      String key = fixtures.key(name(), seq);
      fixtures.pay(gateway, key).expect("gateway", 201, 202);
      marks.sinceStart(FirstAnswerScenario.FIRST_ANSWER);
      PaymentStarts.requireConfirmed(PaymentStarts.awaitResult(client, fixtures.workflowId(key)));
      Http.Answer operation = gateway.operation(key).expect("GET /v1/operations", 200);
      String unknownSince =
          operation.body().path("reconciliation").path("unknownSince").asText(null);
      if (unknownSince == null) {
        throw new IllegalStateException("the payment never went UNKNOWN");
      }
      Instant decidedAt = Instant.parse(operation.text("decidedAt"));
      marks.record(UNKNOWN_TO_CONFIRMED, Duration.between(Instant.parse(unknownSince), decidedAt));
    };
  }
}
