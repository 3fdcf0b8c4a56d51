package dev.settle.workflows.payment;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Calls to the payment upstream. Implemented in the worker (activities module). */
@ActivityInterface
public interface PaymentActivities {

  /** Failure type thrown when the upstream definitely did not execute the call (retryable). */
  String UPSTREAM_UNAVAILABLE = "UpstreamUnavailable";

  @ActivityMethod
  ChargeResult charge(ChargeInput input);

  @ActivityMethod
  LookupResult lookup(LookupInput input);
}
