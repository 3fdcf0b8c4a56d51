package dev.settle.gateway.operation;

import static dev.settle.workflows.operation.OperationSearchAttributes.OPERATION_STATUS;

import dev.settle.workflows.operation.OperationSnapshot;
import dev.settle.workflows.operation.OperationStatus;
import dev.settle.workflows.order.OrderRequest;
import dev.settle.workflows.order.OrderState;
import dev.settle.workflows.payment.PaymentRequest;
import dev.settle.workflows.payment.PaymentState;
import io.temporal.client.WorkflowExecutionDescription;
import java.util.List;
import java.util.Optional;

/**
 * The state of an operation no worker answers for: the status and times its visibility record
 * holds, and, when its start event could be read, what the client asked for. Attempts, steps and
 * the ledger are not known here.
 */
final class StateSketch {
  private StateSketch() {}

  static OperationSnapshot of(
      String workflowId, WorkflowExecutionDescription description, Optional<Object> request) {
    String recorded = description.getTypedSearchAttributes().get(OPERATION_STATUS);
    OperationStatus status =
        recorded == null ? OperationStatus.PENDING : OperationStatus.valueOf(recorded);
    int slash = workflowId.indexOf('/');
    String clientId = workflowId.substring(0, slash);
    String key = workflowId.substring(slash + 1);
    if (OperationReader.stateType(description.getWorkflowType()) == OrderState.class) {
      OrderRequest order = (OrderRequest) request.orElse(null);
      return new OrderState(
          workflowId,
          clientId,
          key,
          status,
          order == null ? null : order.fingerprint(),
          order == null ? null : order.customerAccount(),
          order == null ? null : order.merchantAccount(),
          order == null ? null : order.items(),
          order == null ? null : order.amount(),
          order == null ? null : order.currency(),
          List.of(),
          false,
          null,
          null,
          description.getStartTime(),
          description.getCloseTime(),
          null,
          null,
          false,
          false,
          null,
          List.of(),
          order == null ? null : order.requestId(),
          null,
          null);
    }
    PaymentRequest payment = (PaymentRequest) request.orElse(null);
    return new PaymentState(
        workflowId,
        clientId,
        key,
        status,
        payment == null ? null : payment.fingerprint(),
        payment == null ? null : payment.debitAccount(),
        payment == null ? null : payment.creditAccount(),
        payment == null ? null : payment.amount(),
        payment == null ? null : payment.currency(),
        null,
        null,
        null,
        description.getStartTime(),
        description.getCloseTime(),
        null,
        null,
        0,
        false,
        null,
        List.of(),
        payment == null ? null : payment.requestId(),
        null);
  }
}
