package dev.settle.activities.worker;

import static dev.settle.workflows.operation.ActivityNames.CHARGE;
import static dev.settle.workflows.operation.ActivityNames.CREATE_ORDER;
import static dev.settle.workflows.operation.ActivityNames.DELIVER;
import static dev.settle.workflows.operation.ActivityNames.LOOKUP;
import static dev.settle.workflows.operation.ActivityNames.LOOKUP_ORDER;
import static dev.settle.workflows.operation.ActivityNames.LOOKUP_RESERVATION;
import static dev.settle.workflows.operation.ActivityNames.POST;
import static dev.settle.workflows.operation.ActivityNames.RESERVE_STOCK;
import static dev.settle.workflows.operation.ActivityNames.REVERSE;

import dev.settle.activities.callback.CallbackProperties;
import dev.settle.activities.upstream.UpstreamProperties;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
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
  private final ActivityTimeoutProperties properties;
  private final CallbackProperties callbacks;
  private final UpstreamProperties upstreams;

  ActivityOptionsCustomizer(
      ActivityTimeoutProperties properties,
      CallbackProperties callbacks,
      UpstreamProperties upstreams) {
    this.properties = properties;
    this.upstreams = upstreams;
    this.callbacks = callbacks;
  }

  @Override
  public WorkflowImplementationOptions.Builder customize(
      WorkflowImplementationOptions.Builder builder,
      Worker worker,
      Class<?> workflowImplementationClass,
      POJOWorkflowMethodMetadata workflowMethod) {
    // A mutating call the upstream definitely did not execute is tried again, without an attempt
    // limit, until the horizon (the activity paces the tries itself); a try that times out is
    // retried too, and the call journal turns it into "ambiguous".
    ActivityOptions mutating =
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(properties.upstreamStartToClose())
            .setScheduleToCloseTimeout(upstreams.notExecutedHorizon())
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(0).build())
            .build();
    ActivityOptions lookup =
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
    // The happy path's local tries: one each, the activity above takes over from a failed one.
    LocalActivityOptions localTry =
        LocalActivityOptions.newBuilder()
            .setStartToCloseTimeout(properties.localStartToClose())
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build();
    builder.setLocalActivityOptions(Map.of(CHARGE, localTry, POST, localTry));
    // Order steps are upstream calls like a charge; compensations set their own horizon in the
    // workflow and are left alone here.
    return builder.setActivityOptions(
        Map.of(
            CHARGE,
            mutating,
            LOOKUP,
            lookup,
            CREATE_ORDER,
            mutating,
            LOOKUP_ORDER,
            lookup,
            RESERVE_STOCK,
            mutating,
            LOOKUP_RESERVATION,
            lookup,
            POST,
            ledger,
            REVERSE,
            ledger,
            DELIVER,
            delivery));
  }
}
