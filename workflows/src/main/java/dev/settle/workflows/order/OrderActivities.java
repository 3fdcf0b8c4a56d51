package dev.settle.workflows.order;

import dev.settle.workflows.operation.ActivityNames;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The order and inventory upstreams, and the compensations of every saga step. Compensations are
 * idempotent upstream, so they throw (and are retried) on anything but success or "nothing to
 * undo".
 */
@ActivityInterface
public interface OrderActivities {

  @ActivityMethod(name = ActivityNames.CREATE_ORDER)
  StepResult createOrder(StepInput input);

  @ActivityMethod(name = ActivityNames.LOOKUP_ORDER)
  StepLookup lookupOrder(StepInput input);

  @ActivityMethod(name = ActivityNames.RESERVE_STOCK)
  StepResult reserveStock(StepInput input);

  @ActivityMethod(name = ActivityNames.LOOKUP_RESERVATION)
  StepLookup lookupReservation(StepInput input);

  @ActivityMethod(name = ActivityNames.CANCEL_ORDER)
  CompensationResult cancelOrder(StepInput input);

  @ActivityMethod(name = ActivityNames.RELEASE_STOCK)
  CompensationResult releaseStock(StepInput input);

  @ActivityMethod(name = ActivityNames.REFUND_PAYMENT)
  CompensationResult refundPayment(StepInput input);
}
