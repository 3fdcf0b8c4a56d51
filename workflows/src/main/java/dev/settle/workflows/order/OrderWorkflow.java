package dev.settle.workflows.order;

import dev.settle.workflows.operation.DecisionWait;
import dev.settle.workflows.operation.Resolution;
import dev.settle.workflows.operation.SettleNames;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * create order → reserve stock → charge payment; on failure compensated in reverse (refund, release
 * stock, cancel order). Same signals, query and update names as payments, so operators and the
 * gateway treat every operation alike.
 */
@WorkflowInterface
public interface OrderWorkflow {

  @WorkflowMethod
  OrderState order(OrderRequest request);

  @QueryMethod(name = SettleNames.STATE_QUERY)
  OrderState state();

  @SignalMethod(name = SettleNames.RECONCILE_SIGNAL)
  void reconcile();

  /**
   * In MANUAL_REVIEW: for a step whose outcome stayed unknown, CONFIRMED means it did apply and
   * FAILED that it did not; for a stuck compensation, either means the operator undid it by hand.
   */
  @SignalMethod(name = SettleNames.RESOLVE_SIGNAL)
  void resolve(Resolution resolution);

  /**
   * An operator asks to deliver the client callback again: at once while it is being retried, or
   * for a new round once it FAILED past its horizon.
   */
  @SignalMethod(name = SettleNames.REDELIVER_CALLBACK_SIGNAL)
  void redeliverCallback();

  @UpdateMethod(name = SettleNames.AWAIT_DECISION_UPDATE)
  OrderState awaitDecision(DecisionWait wait);

  @UpdateValidatorMethod(updateName = SettleNames.AWAIT_DECISION_UPDATE)
  void validateAwaitDecision(DecisionWait wait);
}
