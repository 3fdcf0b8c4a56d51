package dev.settle.workflows.reconciliation;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Hands the worker's configured policies to workflows (as a local activity, recorded in history). */
@ActivityInterface
public interface PolicyActivities {

  @ActivityMethod
  ReconciliationPolicy reconciliationPolicy(PolicyRequest request);

  /** Which operation type asks; lets types have their own policy later. */
  record PolicyRequest(String operationType) {}
}
