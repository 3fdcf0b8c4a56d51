package dev.settle.bench.report;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import java.util.List;

/**
 * What one operation cost Temporal, read from the histories of a sample of the cell's completed
 * workflows: events (each one a write on the history shard) and workflow tasks (each one a round
 * trip to a worker), per operation.
 *
 * @param sampled how many histories were read; 0 when none could be
 * @param events mean events per history
 * @param workflowTasks mean completed workflow tasks per history
 * @param failedWorkflowTasks mean failed workflow tasks per history (e.g. UnhandledCommand)
 */
public record HistoryCost(
    int sampled, double events, double workflowTasks, double failedWorkflowTasks) {
  public static final HistoryCost NONE = new HistoryCost(0, Double.NaN, Double.NaN, Double.NaN);

  /** Reads the newest {@code limit} completed workflows whose ID starts with {@code prefix}. */
  public static HistoryCost sample(WorkflowClient client, String prefix, int limit) {
    String query = "WorkflowId STARTS_WITH \"" + prefix + "\" AND ExecutionStatus = \"Completed\"";
    List<WorkflowExecutionMetadata> runs = client.listExecutions(query).limit(limit).toList();
    long events = 0;
    long tasks = 0;
    long failed = 0;
    for (WorkflowExecutionMetadata run : runs) {
      List<HistoryEvent> history =
          client
              .fetchHistory(run.getExecution().getWorkflowId(), run.getExecution().getRunId())
              .getHistory()
              .getEventsList();
      events += history.size();
      tasks += count(history, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
      failed += count(history, EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
      failed += count(history, EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT);
    }
    if (runs.isEmpty()) {
      return NONE;
    }
    double n = runs.size();
    return new HistoryCost(runs.size(), events / n, tasks / n, failed / n);
  }

  private static long count(List<HistoryEvent> history, EventType type) {
    return history.stream().filter(e -> e.getEventType() == type).count();
  }
}
