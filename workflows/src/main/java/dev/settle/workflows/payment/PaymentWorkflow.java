package dev.settle.workflows.payment;

import dev.settle.workflows.operation.DecisionWait;
import dev.settle.workflows.operation.Resolution;
import dev.settle.workflows.operation.SettleNames;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One payment, from intent to a final status, keyed by {@code {clientId}/{idempotencyKey}}. */
@WorkflowInterface
public interface PaymentWorkflow {

  @WorkflowMethod
  PaymentState pay(PaymentRequest request);

  @QueryMethod(name = SettleNames.STATE_QUERY)
  PaymentState state();

  /** Wakes reconciliation at once instead of waiting for its next timer. */
  @SignalMethod(name = SettleNames.RECONCILE_SIGNAL)
  void reconcile();

  /** An operator's verdict; only honoured in {@code MANUAL_REVIEW}. */
  @SignalMethod(name = SettleNames.RESOLVE_SIGNAL)
  void resolve(Resolution resolution);

  /**
   * Settlement evidence from a webhook or a statement line. Settles an UNKNOWN or MANUAL_REVIEW
   * payment like a lookup that finds it; evidence that does not match the request, or that arrives
   * once the payment is final, is recorded and changes nothing; a repeated fact is dropped.
   */
  @SignalMethod(name = SettleNames.EVIDENCE_SIGNAL)
  void evidence(Evidence evidence);

  /**
   * An operator asks to deliver the client callback again: at once while it is being retried, or
   * for a new round once it FAILED past its horizon.
   */
  @SignalMethod(name = SettleNames.REDELIVER_CALLBACK_SIGNAL)
  void redeliverCallback();

  /**
   * Waits up to the caller's budget for a final status and returns the state then. Rejected (never
   * written to history) when the caller's payload fingerprint differs from the one that started it.
   */
  @UpdateMethod(name = SettleNames.AWAIT_DECISION_UPDATE)
  PaymentState awaitDecision(DecisionWait wait);

  @UpdateValidatorMethod(updateName = SettleNames.AWAIT_DECISION_UPDATE)
  void validateAwaitDecision(DecisionWait wait);
}
