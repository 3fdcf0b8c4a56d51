package dev.settle.activities.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.settle.activities.callback.CallbackProperties;
import dev.settle.activities.upstream.UpstreamProperties;
import dev.settle.workflows.operation.ActivityNames;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Failing an upstream call is a decision in time, not a count of tries. */
class ActivityOptionsCustomizerTest {
  static final Duration HORIZON = Duration.ofMinutes(10);

  final WorkflowImplementationOptions all =
      new ActivityOptionsCustomizer(
              new ActivityTimeoutProperties(
                  Duration.ofSeconds(15),
                  5,
                  Duration.ofSeconds(10),
                  Duration.ofMinutes(1),
                  Duration.ofSeconds(6)),
              new CallbackProperties(
                  "secret",
                  Duration.ofSeconds(2),
                  Duration.ofSeconds(10),
                  Duration.ofSeconds(5),
                  Duration.ofMinutes(10),
                  Duration.ofHours(24),
                  Duration.ofDays(7)),
              new UpstreamProperties(
                  URI.create("http://127.0.0.1:8089"),
                  Duration.ofSeconds(1),
                  Duration.ofSeconds(3),
                  Duration.ofMillis(500),
                  Duration.ofSeconds(10),
                  HORIZON,
                  null))
          .customize(WorkflowImplementationOptions.newBuilder(), null, null, null)
          .build();
  final Map<String, ActivityOptions> options = all.getActivityOptions();

  @Test
  void theHappyPathsLocalTriesAreOneEachWithinTheWorkflowTask() {
    for (String type : new String[] {ActivityNames.CHARGE, ActivityNames.POST}) {
      LocalActivityOptions local = all.getLocalActivityOptions().get(type);
      assertThat(local.getRetryOptions().getMaximumAttempts()).as(type).isEqualTo(1);
      assertThat(local.getStartToCloseTimeout()).as(type).isEqualTo(Duration.ofSeconds(6));
    }
  }

  @Test
  void mutatingCallsAreTriedWithoutAnAttemptLimitUntilTheNotExecutedHorizon() {
    for (String type :
        new String[] {
          ActivityNames.CHARGE, ActivityNames.CREATE_ORDER, ActivityNames.RESERVE_STOCK
        }) {
      ActivityOptions mutating = options.get(type);
      assertThat(mutating.getScheduleToCloseTimeout()).as(type).isEqualTo(HORIZON);
      assertThat(mutating.getRetryOptions().getMaximumAttempts()).as(type).isZero();
      assertThat(mutating.getStartToCloseTimeout()).as(type).isEqualTo(Duration.ofSeconds(15));
    }
  }

  @Test
  void statusLookupsKeepTheirFewTriesTheWorkflowPacesTheRest() {
    for (String type :
        new String[] {
          ActivityNames.LOOKUP, ActivityNames.LOOKUP_ORDER, ActivityNames.LOOKUP_RESERVATION
        }) {
      ActivityOptions lookup = options.get(type);
      assertThat(lookup.getRetryOptions().getMaximumAttempts()).as(type).isEqualTo(5);
      assertThat(lookup.getScheduleToCloseTimeout()).as(type).isNull();
    }
  }
}
