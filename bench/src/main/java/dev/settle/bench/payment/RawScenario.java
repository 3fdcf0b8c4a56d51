package dev.settle.bench.payment;

import dev.settle.bench.load.Operation;
import dev.settle.bench.load.Scenario;
import dev.settle.workflows.payment.PaymentRequest;
import dev.settle.workflows.payment.PaymentWorkflow;
import io.temporal.client.WorkflowClient;

/**
 * The payment workflow started and awaited with the SDK client: no HTTP, no gateway. What Settle's
 * workflow and worker cost on top of the floor.
 */
final class RawScenario implements Scenario {
  private final WorkflowClient client;
  private final PaymentFixtures fixtures;

  RawScenario(WorkflowClient client, PaymentFixtures fixtures) {
    this.client = client;
    this.fixtures = fixtures;
  }

  @Override
  public String name() {
    return "raw";
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
      PaymentRequest request = fixtures.request(fixtures.key(name(), seq));
      PaymentWorkflow workflow =
          client.newWorkflowStub(PaymentWorkflow.class, PaymentStarts.optionsFor(request));
      WorkflowClient.start(workflow::pay, request);
      PaymentStarts.requireConfirmed(PaymentStarts.awaitResult(client, request.operationId()));
    };
  }
}
