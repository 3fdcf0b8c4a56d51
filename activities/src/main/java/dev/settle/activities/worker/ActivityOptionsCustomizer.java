package dev.settle.activities.worker;

import dev.settle.activities.callback.CallbackProperties;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.common.metadata.POJOWorkflowMethodMetadata;
import io.temporal.spring.boot.WorkflowImplementationOptionsCustomizer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Hands the configured activity timeouts to every workflow implementation, per activity type. The
 * SDK merges these over the stub defaults in the workflow code.
 */
@Component
class ActivityOptionsCustomizer implements WorkflowImplementationOptionsCustomizer {
  // Activity type names are the capitalised method names of the activity interfaces.
  static final String CHARGE = "Charge";
  static final String LOOKUP = "Lookup";
  static final String POST = "Post";

  static final String DELIVER = "Deliver";

  private final ActivityTimeoutProperties properties;
  private final CallbackProperties callbacks;

  ActivityOptionsCustomizer(ActivityTimeoutProperties properties, CallbackProperties callbacks) {
    this.properties = properties;
    this.callbacks = callbacks;
  }

  @Override
  public WorkflowImplementationOptions.Builder customize(
      WorkflowImplementationOptions.Builder builder,
      Worker worker,
      Class<?> workflowImplementationClass,
      POJOWorkflowMethodMetadata workflowMethod) {
    ActivityOptions upstream =
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(properties.upstreamStartToClose())
            .setRetryOptions(
                RetryOptions.newBuilder()
                    .setMaximumAttempts(properties.upstreamMaxAttempts())
                    .build())
            .build();
    ActivityOptions ledger =
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(properties.ledgerStartToClose())
            .setRetryOptions(
                RetryOptions.newBuilder()
                    .setMaximumInterval(properties.ledgerMaxInterval())
                    .build())
            .build();
    // One try per callback activity: the workflow paces and records the attempts itself.
    ActivityOptions delivery =
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(
                callbacks.connectTimeout().plus(callbacks.attemptTimeout()).plusSeconds(5))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build();
    // Order steps are upstream calls like a charge; compensations set their own horizon in the
    // workflow and are left alone here.
    return builder.setActivityOptions(
        Map.of(
            CHARGE,
            upstream,
            LOOKUP,
            upstream,
            "CreateOrder",
            upstream,
            "LookupOrder",
            upstream,
            "ReserveStock",
            upstream,
            "LookupReservation",
            upstream,
            POST,
            ledger,
            "Reverse",
            ledger,
            DELIVER,
            delivery));
  }
}
