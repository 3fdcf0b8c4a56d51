package dev.settle.workflows.callback;

import static dev.settle.workflows.operation.OperationSearchAttributes.CALLBACK_STATUS;

import dev.settle.workflows.reconciliation.PolicyActivities;
import dev.settle.workflows.reconciliation.PolicyActivities.PolicyRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbox of one operation's client callback, run by the operation's own workflow once it is
 * final: Temporal keeps the intent durable, so the notification is delivered at least once even
 * across worker restarts. Each attempt is one activity without server-side retries; this loop paces
 * the attempts (capped exponential backoff), so every attempt shows in the state query. Past the
 * horizon the delivery is FAILED (search attribute {@code CallbackStatus}) and waits for an
 * operator's redeliver signal during the redelivery window. Deterministic: Workflow APIs only.
 */
public final class CallbackOutbox {
  /** The change that introduced callbacks: histories recorded before it deliver nothing. */
  public static final String CHANGE_ID = "client-callback";

  /** Defaults for unit tests; the worker sets the attempt timeout from its configuration. */
  public static final ActivityOptions DELIVERY =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          // One try per activity: the workflow paces and records the attempts itself.
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build();

  private final CallbackActivities activities =
      Workflow.newActivityStub(CallbackActivities.class, DELIVERY);
  private final String url;
  private final List<CallbackAttempt> history = new ArrayList<>();
  private CallbackStatus status;
  private int attempts;
  private Long nextAttemptAt;
  private Long deliveredAt;
  private boolean redeliverRequested;

  public CallbackOutbox(String url) {
    this.url = url;
  }

  /** Null when the client asked for no callback. */
  public CallbackDelivery state() {
    if (url == null) {
      return null;
    }
    return new CallbackDelivery(
        url, status, attempts, instant(nextAttemptAt), instant(deliveredAt), List.copyOf(history));
  }

  /**
   * An operator's redeliver signal: while PENDING it skips the current wait, once FAILED it starts
   * a new round with a fresh horizon. Anything else is recorded and ignored.
   */
  public void redeliver() {
    if (status == CallbackStatus.PENDING || status == CallbackStatus.FAILED) {
      record("REDELIVER_REQUESTED", "callback was " + status);
      redeliverRequested = true;
    } else if (url != null) {
      record(
          "REDELIVER_IGNORED", status == null ? "operation not final yet" : "callback " + status);
    }
  }

  /**
   * Delivers the notification; returns once it is delivered, or once a FAILED delivery's redelivery
   * window has passed without an operator asking again.
   */
  public void deliver(Notification notification, PolicyActivities policies, String operationType) {
    if (url == null) {
      return;
    }
    // Operations that reached their final status on a worker without callbacks closed (or are
    // closing) without this step: replaying them must not schedule it.
    if (Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      return;
    }
    CallbackPolicy policy = policies.callbackPolicy(new PolicyRequest(operationType));
    while (true) {
      moveTo(CallbackStatus.PENDING);
      if (deliverUntilHorizon(notification, policy)) {
        moveTo(CallbackStatus.DELIVERED);
        return;
      }
      moveTo(CallbackStatus.FAILED);
      Workflow.getLogger(CallbackOutbox.class)
          .warn(
              "Callback {} failed past its horizon after {} attempts",
              notification.deliveryId(),
              attempts);
      if (!Workflow.await(policy.redeliveryWindow(), () -> redeliverRequested)) {
        return; // the window closed; CallbackStatus stays FAILED in visibility
      }
      redeliverRequested = false;
    }
  }

  private boolean deliverUntilHorizon(Notification notification, CallbackPolicy policy) {
    long start = Workflow.currentTimeMillis();
    int failed = 0;
    while (true) {
      attempts++;
      DeliveryResult result = attempt(notification.withAttempt(attempts));
      record(result.delivered() ? "DELIVERED" : outcomeOf(result), result.detail());
      if (result.delivered()) {
        deliveredAt = Workflow.currentTimeMillis();
        return true;
      }
      failed++;
      long left = start + policy.horizon().toMillis() - Workflow.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      Duration wait = Duration.ofMillis(Math.min(policy.backoff(failed).toMillis(), left));
      nextAttemptAt = Workflow.currentTimeMillis() + wait.toMillis();
      Workflow.await(wait, () -> redeliverRequested);
      redeliverRequested = false;
      nextAttemptAt = null;
    }
  }

  private DeliveryResult attempt(Notification notification) {
    try {
      return activities.deliver(notification);
    } catch (ActivityFailure failure) {
      // Worker lost or activity timed out: the receiver may or may not have it; at least once
      // means trying again, and the delivery id lets the receiver drop the duplicate.
      return new DeliveryResult(false, 0, "delivery activity failed: " + failure.getMessage());
    }
  }

  private static String outcomeOf(DeliveryResult result) {
    return result.httpStatus() == 0 ? "NO_ANSWER" : "HTTP_" + result.httpStatus();
  }

  private void record(String outcome, String detail) {
    history.add(
        new CallbackAttempt(Instant.ofEpochMilli(Workflow.currentTimeMillis()), outcome, detail));
  }

  private void moveTo(CallbackStatus next) {
    status = next;
    Workflow.upsertTypedSearchAttributes(CALLBACK_STATUS.valueSet(next.name()));
  }

  private static Instant instant(Long epochMillis) {
    return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
  }
}
