package dev.settle.activities.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.settle.telemetry.PrometheusShape;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The workflows' KPI meters exist at 0 from startup, and the workflows' counts land on them. */
class OperationMetersTest {
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  OperationMetersTest() {
    meters.config().meterFilter(new PrometheusShape());
    new OperationMeters(meters);
  }

  @Test
  void everyOutcomeAndCompensationSeriesIsThereAtZero() {
    assertThat(meters.find("settle_operations_completed").counters())
        .hasSize(4)
        .allMatch(counter -> counter.count() == 0);
    assertThat(meters.find("settle_compensations").counters())
        .hasSize(9)
        .allMatch(counter -> counter.count() == 0);
    assertThat(
            meters
                .get("settle_compensations")
                .tags("step", "PAYMENT", "outcome", "DONE")
                .counter()
                .getId()
                .getDescription())
        .isNotBlank();
    assertThat(meters.get("settle_reconciliation").tags("ended", "MANUAL_REVIEW").timers())
        .hasSize(2);
  }

  @Test
  void aCountFromWorkflowCodeThroughTemporalsScopeLandsOnTheSeriesRegisteredAtStartup() {
    // What Temporal's reporter registers for OperationMetrics.completed(ORDER, FAILED).
    meters
        .counter(
            "settle_operations_completed",
            Tags.of(
                    "namespace", "default",
                    "task_queue", "settle-operations",
                    "workflow_type", "OrderWorkflow",
                    "activity_type", "none")
                .and("query_type", "none", "type", "ORDER", "status", "FAILED"))
        .increment();

    Counter failedOrders =
        meters
            .get("settle_operations_completed")
            .tags("type", "ORDER", "status", "FAILED")
            .counter();
    assertThat(failedOrders.count()).isEqualTo(1.0);
    assertThat(failedOrders.getId().getTags()).hasSize(2);
    assertThat(meters.find("settle_operations_completed").counters()).hasSize(4);
  }
}
