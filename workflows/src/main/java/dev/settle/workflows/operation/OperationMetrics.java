package dev.settle.workflows.operation;

import io.temporal.workflow.Workflow;
import java.util.Map;

/**
 * Metrics emitted from workflow code through Temporal's metrics scope (which the SDK suppresses
 * during replay, so each is counted once). The worker exports them to Prometheus as
 * settle_operations_completed_total, settle_compensations_total and settle_reconciliation_seconds.
 */
public final class OperationMetrics {
  private OperationMetrics() {}

  public static void completed(String type, OperationStatus status) {
    Workflow.getMetricsScope()
        .tagged(Map.of("type", type, "status", status.name()))
        .counter("settle_operations_completed")
        .inc(1);
  }

  public static void compensation(String step, String outcome) {
    Workflow.getMetricsScope()
        .tagged(Map.of("step", step, "outcome", outcome))
        .counter("settle_compensations")
        .inc(1);
  }

  /** Time from UNKNOWN to the end of reconciliation, tagged by how it ended. */
  public static void reconciled(String type, long unknownSinceMillis, String ended) {
    Workflow.getMetricsScope()
        .tagged(Map.of("type", type, "ended", ended))
        .timer("settle_reconciliation")
        .record(
            com.uber.m3.util.Duration.ofMillis(Workflow.currentTimeMillis() - unknownSinceMillis));
  }
}
