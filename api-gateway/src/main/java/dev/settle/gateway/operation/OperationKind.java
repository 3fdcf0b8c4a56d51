package dev.settle.gateway.operation;

import dev.settle.workflows.operation.OperationSnapshot;
import dev.settle.workflows.operation.SettleNames;
import dev.settle.workflows.order.OrderRequest;
import dev.settle.workflows.order.OrderState;
import dev.settle.workflows.order.OrderWorkflow;
import dev.settle.workflows.payment.PaymentRequest;
import dev.settle.workflows.payment.PaymentState;
import dev.settle.workflows.payment.PaymentWorkflow;
import java.util.function.Function;

/**
 * What the gateway needs to know of one kind of operation to submit it: its labels, its workflow
 * type and state, and how its request says which payload and which HTTP request it came from. A new
 * kind is one more constant here, not another controller body.
 *
 * @param workflowType the workflow type in Temporal: its interface's simple name, the SDK's default
 */
public record OperationKind<R, S extends OperationSnapshot>(
    String type,
    String upstream,
    String workflowType,
    Class<S> stateClass,
    Function<R, String> fingerprint,
    Function<R, String> requestId) {

  public static final OperationKind<PaymentRequest, PaymentState> PAYMENT =
      new OperationKind<>(
          SettleNames.OPERATION_TYPE_PAYMENT,
          SettleNames.UPSTREAM_PAYMENTS,
          PaymentWorkflow.class.getSimpleName(),
          PaymentState.class,
          PaymentRequest::fingerprint,
          PaymentRequest::requestId);

  public static final OperationKind<OrderRequest, OrderState> ORDER =
      new OperationKind<>(
          SettleNames.OPERATION_TYPE_ORDER,
          SettleNames.UPSTREAM_ORDER_SAGA,
          OrderWorkflow.class.getSimpleName(),
          OrderState.class,
          OrderRequest::fingerprint,
          OrderRequest::requestId);
}
