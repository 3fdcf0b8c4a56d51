package dev.settle.workflows.payment;

import dev.settle.workflows.operation.ActivityNames;
import dev.settle.workflows.operation.ExecutionOutcome;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;

/** Calls to the payment upstream. Implemented in the worker (activities module). */
@ActivityInterface
public interface PaymentActivities {

  /** Failure type thrown when the upstream definitely did not execute the call (retryable). */
  String UPSTREAM_UNAVAILABLE = "UpstreamUnavailable";

  /**
   * Failure type thrown when the upstream says Settle is misconfigured (its auth refused us, no
   * such endpoint, a redirect): it did not act; retryable, and past the horizon an operator
   * decides.
   */
  String UPSTREAM_MISCONFIGURED = "UpstreamMisconfigured";

  /** How an activity that gave up ended, from the failure of its last try. */
  static ExecutionOutcome exhausted(ActivityFailure failure) {
    if (failure.getCause() instanceof ApplicationFailure app) {
      if (UPSTREAM_UNAVAILABLE.equals(app.getType())) {
        return ExecutionOutcome.REJECTED;
      }
      if (UPSTREAM_MISCONFIGURED.equals(app.getType())) {
        return ExecutionOutcome.MISCONFIGURED;
      }
    }
    return ExecutionOutcome.AMBIGUOUS;
  }

  /** What {@link #exhausted} says, for the history. */
  static String exhaustedDetail(ActivityFailure failure, String what) {
    if (failure.getCause() instanceof ApplicationFailure app) {
      if (UPSTREAM_UNAVAILABLE.equals(app.getType())) {
        return "upstream unavailable: " + app.getOriginalMessage();
      }
      if (UPSTREAM_MISCONFIGURED.equals(app.getType())) {
        return app.getOriginalMessage();
      }
    }
    return what + " activity failed: " + failure.getMessage();
  }

  @ActivityMethod(name = ActivityNames.CHARGE)
  ChargeResult charge(ChargeInput input);

  @ActivityMethod(name = ActivityNames.LOOKUP)
  LookupResult lookup(LookupInput input);
}
