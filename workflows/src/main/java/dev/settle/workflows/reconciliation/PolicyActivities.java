package dev.settle.workflows.reconciliation;

import dev.settle.workflows.callback.CallbackPolicy;
import dev.settle.workflows.operation.ActivityNames;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Hands the worker's configured policies to workflows (as a local activity, recorded in history).
 */
@ActivityInterface
public interface PolicyActivities {

  @ActivityMethod(name = ActivityNames.RECONCILIATION_POLICY)
  ReconciliationPolicy reconciliationPolicy(PolicyRequest request);

  /** How client callbacks are retried (read when an operation's callback delivery starts). */
  @ActivityMethod(name = ActivityNames.CALLBACK_POLICY)
  CallbackPolicy callbackPolicy(PolicyRequest request);

  /** Which operation type asks; lets types have their own policy later. */
  record PolicyRequest(String operationType) {}
}
