package dev.settle.workflows.operation;

import io.temporal.workflow.Workflow;
import java.util.Map;

/**
 * Metrics of one operation, emitted from its workflow code through Temporal's metrics scope. The
 * worker exports them to Prometheus as settle_operations_completed_total,
 * settle_compensations_total and settle_reconciliation_seconds.
 *
 * <p>The scope is silent during replay, but that alone does not count each event once: a workflow
 * task that fails after the code ran (an {@code UnhandledCommand} when a signal lands as the task
 * completes the workflow) is run again, not replayed, and would count again. So each emission is
 * numbered in workflow order, which is deterministic, and {@link EmittedOnce} lets the n-th
 * emission of a run through only once per worker.
 */
public final class OperationMetrics {
  private final String type;
  private int emissions;

  public OperationMetrics(String type) {
    this.type = type;
  }

  public void completed(OperationStatus status) {
    if (first()) {
      Workflow.getMetricsScope()
          .tagged(Map.of("type", type, "status", status.name()))
          .counter("settle_operations_completed")
          .inc(1);
    }
  }

  public void compensation(String step, String outcome) {
    if (first()) {
      Workflow.getMetricsScope()
          .tagged(Map.of("step", step, "outcome", outcome))
          .counter("settle_compensations")
          .inc(1);
    }
  }

  /** Time from UNKNOWN to the end of reconciliation, tagged by what it concluded. */
  public void reconciled(long unknownSinceMillis, String concluded) {
    if (first()) {
      Workflow.getMetricsScope()
          .tagged(Map.of("type", type, "ended", concluded))
          .timer("settle_reconciliation")
          .record(
              com.uber.m3.util.Duration.ofMillis(
                  Workflow.currentTimeMillis() - unknownSinceMillis));
    }
  }

  private boolean first() {
    int number = ++emissions;
    return !Workflow.isReplaying()
        && EmittedOnce.first(Workflow.getInfo().getRunId() + "#" + number);
  }
}
