package dev.settle.activities.worker;

import dev.settle.workflows.operation.OperationStatus;
import dev.settle.workflows.operation.SettleNames;
import dev.settle.workflows.order.SagaStep;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The workflow code's meters ({@code OperationMetrics}: settle_operations_completed_total,
 * settle_compensations_total, settle_reconciliation_seconds), registered at 0 for every tag value
 * the workflows use when the worker starts, so that a ratio such as the compensated share has data
 * on a healthy system. The workflows' increments, reported through Temporal's metrics scope, land
 * on these same meters (the scope's own tags are dropped by the telemetry module's filter).
 */
@Component
public class OperationMeters {
  static final List<String> TYPES =
      List.of(SettleNames.OPERATION_TYPE_PAYMENT, SettleNames.OPERATION_TYPE_ORDER);

  /** The outcomes OrderWorkflowImpl counts a compensation with. */
  static final List<String> COMPENSATION_OUTCOMES = List.of("DONE", "NOT_NEEDED", "STUCK");

  public OperationMeters(MeterRegistry meters) {
    for (String type : TYPES) {
      for (OperationStatus status : OperationStatus.values()) {
        if (status.isFinal()) {
          Counter.builder("settle_operations_completed")
              .description("Operations that reached a final status, by type and status")
              .tags("type", type, "status", status.name())
              .register(meters);
        }
        if (status != OperationStatus.UNKNOWN) {
          // Temporal's reporter makes its timers with a percentile histogram: the same here.
          Timer.builder("settle_reconciliation")
              .description("Time from UNKNOWN to the end of reconciliation, by how it ended")
              .tags("type", type, "ended", status.name())
              .publishPercentileHistogram()
              .register(meters);
        }
      }
    }
    for (SagaStep.Name step : SagaStep.Name.values()) {
      for (String outcome : COMPENSATION_OUTCOMES) {
        Counter.builder("settle_compensations")
            .description("Saga compensations of an order, by step and outcome")
            .tags("step", step.name(), "outcome", outcome)
            .register(meters);
      }
    }
  }
}
