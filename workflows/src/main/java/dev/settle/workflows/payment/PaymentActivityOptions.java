package dev.settle.workflows.payment;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Defaults for the payment workflow's activity stubs. The worker overrides them per activity type
 * from its application.yml (WorkflowImplementationOptions), so these only matter where no
 * configuration is given, e.g. in workflow unit tests.
 */
public final class PaymentActivityOptions {
  private PaymentActivityOptions() {}

  /**
   * Upstream calls: the activity throws only for calls that definitely did not execute, so retrying
   * them is safe; the activity itself sets a jittered next-retry delay.
   */
  public static final ActivityOptions UPSTREAM =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(15))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .setMaximumAttempts(5)
                  .build())
          .build();

  /** The ledger must eventually take the posting: retry without an attempt limit. */
  public static final ActivityOptions LEDGER =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofMillis(500))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .build())
          .build();

  /**
   * The lean happy path's one local try of a charge or a posting; the activity takes over from a
   * try that fails. Bounded well below the 10 s workflow task timeout (the upstream's own HTTP
   * timeouts end a call sooner), so a slow try does not make the task heartbeat.
   */
  public static final LocalActivityOptions LOCAL_UPSTREAM =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(6))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build();

  public static final LocalActivityOptions LOCAL_LEDGER = LOCAL_UPSTREAM;

  public static final LocalActivityOptions POLICY =
      LocalActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(5)).build();
}
