package dev.settle.gateway.operation;

import dev.settle.workflows.operation.OperationSearchAttributes;
import dev.settle.workflows.operation.OperationStatus;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Visibility queries for the operations that show a status, as a client reads them. */
final class ListQueries {
  private ListQueries() {}

  /**
   * A status not final is listed only while its workflow runs: one ended from outside shows FAILED
   * ({@link EndedWorkflows}), so it is listed there, though its search attribute still holds the
   * status it last had.
   */
  static String inStatus(OperationStatus status) {
    String attribute = OperationSearchAttributes.OPERATION_STATUS.getName();
    if (!status.isFinal()) {
      return attribute + " = '" + status.name() + "' AND ExecutionStatus = 'Running'";
    }
    String recorded = attribute + " = '" + status.name() + "'";
    if (status != OperationStatus.FAILED) {
      return recorded;
    }
    String notFinal =
        Arrays.stream(OperationStatus.values())
            .filter(s -> !s.isFinal())
            .map(s -> "'" + s.name() + "'")
            .collect(Collectors.joining(", "));
    return "("
        + recorded
        + " OR (ExecutionStatus IN ('Terminated', 'TimedOut', 'Canceled', 'Failed') AND "
        + attribute
        + " IN ("
        + notFinal
        + ")))";
  }
}
