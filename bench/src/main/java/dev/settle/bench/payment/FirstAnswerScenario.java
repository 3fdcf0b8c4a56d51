package dev.settle.bench.payment;

import dev.settle.bench.load.Operation;
import dev.settle.bench.load.Scenario;
import dev.settle.stackkit.http.GatewayClient;
import io.temporal.client.WorkflowClient;

/**
 * How long the client waits for a decided answer (the gateway's 201/202 from update-with-start),
 * next to how long the workflow takes to complete: its total latency is the completion, observed
 * with the SDK right after the answer.
 */
final class FirstAnswerScenario implements Scenario {
  static final String FIRST_ANSWER = "first answer";

  private final GatewayClient gateway;
  private final WorkflowClient client;
  private final PaymentFixtures fixtures;

  FirstAnswerScenario(GatewayClient gateway, WorkflowClient client, PaymentFixtures fixtures) {
    this.gateway = gateway;
    this.client = client;
    this.fixtures = fixtures;
  }

  @Override
  public String name() {
    return "first-answer";
  }

  @Override
  public boolean usesSettleWorker() {
    return true;
  }

  @Override
  public String workflowIdPrefix() {
    return fixtures.workflowIdPrefix(name());
  }

  @Override
  public Operation operation() {
    return (seq, marks) -> {
      String key = fixtures.key(name(), seq);
      fixtures.pay(gateway, key).expect("gateway", 201, 202);
      marks.sinceStart(FIRST_ANSWER);
      PaymentStarts.requireConfirmed(PaymentStarts.awaitResult(client, fixtures.workflowId(key)));
    };
  }
}
