package dev.settle.workflows.callback;

import dev.settle.workflows.operation.ActivityNames;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Client callbacks: one signed POST of a notification to the client's callback URL. */
@ActivityInterface
public interface CallbackActivities {

  /**
   * One delivery attempt. Never throws for what the receiver answered: a refusal or a timeout is a
   * {@link DeliveryResult} the workflow records, and the workflow paces the next attempt.
   */
  @ActivityMethod(name = ActivityNames.DELIVER)
  DeliveryResult deliver(Notification notification);
}
