package dev.settle.bench.payment;

import static dev.settle.workflows.operation.OperationSearchAttributes.CLIENT_ID;
import static dev.settle.workflows.operation.OperationSearchAttributes.OPERATION_STATUS;
import static dev.settle.workflows.operation.OperationSearchAttributes.OPERATION_TYPE;
import static dev.settle.workflows.operation.OperationSearchAttributes.UPSTREAM;

import dev.settle.workflows.operation.OperationStatus;
import dev.settle.workflows.operation.SettleNames;
import dev.settle.workflows.payment.PaymentRequest;
import dev.settle.workflows.payment.PaymentState;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Starting and awaiting payment workflows with the SDK, the way the gateway starts them. */
final class PaymentStarts {
  /** Longer than any happy or ambiguous payment takes at the default settings. */
  static final long RESULT_TIMEOUT_SECONDS = 60;

  private PaymentStarts() {}

  /**
   * The gateway's WorkflowOptions (OperationSubmissions.optionsFor): same ID, task queue, policies
   * and search attributes, so the raw path makes the server do the same work.
   */
  static WorkflowOptions optionsFor(PaymentRequest request) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(request.operationId())
        .setTaskQueue(SettleNames.TASK_QUEUE)
        .setWorkflowIdConflictPolicy(
            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(OPERATION_TYPE, SettleNames.OPERATION_TYPE_PAYMENT)
                .set(UPSTREAM, SettleNames.UPSTREAM_PAYMENTS)
                .set(CLIENT_ID, request.clientId())
                .set(OPERATION_STATUS, OperationStatus.PENDING.name())
                .build())
        .build();
  }

  /** Waits for the workflow's result: the payment's final state once its run has closed. */
  static PaymentState awaitResult(WorkflowClient client, String workflowId)
      throws TimeoutException {
    return client
        .newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty())
        .getResult(RESULT_TIMEOUT_SECONDS, TimeUnit.SECONDS, PaymentState.class);
  }

  static void requireConfirmed(PaymentState state) {
    if (state.status() != OperationStatus.CONFIRMED) {
      throw new IllegalStateException("payment ended " + state.status() + ", not CONFIRMED");
    }
  }
}
