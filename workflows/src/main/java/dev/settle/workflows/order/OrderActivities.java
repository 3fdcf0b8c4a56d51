package dev.settle.workflows.order;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The order and inventory upstreams, and the compensations of every saga step. Compensations are
 * idempotent upstream, so they throw (and are retried) on anything but success or "nothing to
 * undo".
 */
@ActivityInterface
public interface OrderActivities {

  @ActivityMethod
  StepResult createOrder(StepInput input);

  @ActivityMethod
  StepLookup lookupOrder(StepInput input);

  @ActivityMethod
  StepResult reserveStock(StepInput input);

  @ActivityMethod
  StepLookup lookupReservation(StepInput input);

  @ActivityMethod
  CompensationResult cancelOrder(StepInput input);

  @ActivityMethod
  CompensationResult releaseStock(StepInput input);

  @ActivityMethod
  CompensationResult refundPayment(StepInput input);
}
