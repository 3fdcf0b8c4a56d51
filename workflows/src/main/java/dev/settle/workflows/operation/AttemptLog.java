package dev.settle.workflows.operation;

import dev.settle.workflows.operation.Attempt.Step;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An operation's history as the state query shows it, bounded: the most recent entries, and the
 * older ones only counted by step, so that no reconciliation loop grows the state without end.
 * Deterministic: entries are stamped with workflow time.
 */
final class AttemptLog {
  private final List<Attempt> recent = new ArrayList<>();
  private final Map<Step, Integer> earlier = new EnumMap<>(Step.class);
  private Instant earliestOmitted;

  /** Starts from what the run before showed; its EARLIER entry only gives the oldest time. */
  AttemptLog(List<Attempt> carried, Map<Step, Integer> carriedCounts) {
    earlier.putAll(carriedCounts);
    for (Attempt attempt : carried) {
      if (attempt.step() == Step.EARLIER) {
        earliestOmitted = attempt.at();
      } else {
        keep(attempt);
      }
    }
  }

  AttemptLog() {
    this(List.of(), Map.of());
  }

  void record(Step step, String outcome, String detail) {
    keep(new Attempt(Instant.ofEpochMilli(Workflow.currentTimeMillis()), step, outcome, detail));
  }

  /** Keeps the entry; past {@link OperationCore#RECENT_ATTEMPTS} the oldest one is only counted. */
  private void keep(Attempt attempt) {
    recent.add(attempt);
    if (recent.size() > OperationCore.RECENT_ATTEMPTS) {
      Attempt oldest = recent.remove(0);
      earlier.merge(oldest.step(), 1, Integer::sum);
      if (earliestOmitted == null) {
        earliestOmitted = oldest.at();
      }
    }
  }

  Map<Step, Integer> earlierCounts() {
    return Map.copyOf(earlier);
  }

  /**
   * The recent entries, after one {@code EARLIER} entry that counts the older ones by step (at: the
   * oldest of them) once there are more than {@link OperationCore#RECENT_ATTEMPTS}.
   */
  List<Attempt> shown() {
    if (earlier.isEmpty()) {
      return List.copyOf(recent);
    }
    List<Attempt> shown = new ArrayList<>(recent.size() + 1);
    int total = earlier.values().stream().mapToInt(Integer::intValue).sum();
    StringBuilder counts = new StringBuilder();
    earlier.forEach(
        (step, n) ->
            counts.append(counts.isEmpty() ? "" : ", ").append(n).append(' ').append(step));
    shown.add(
        new Attempt(
            earliestOmitted, Step.EARLIER, "OMITTED", total + " earlier entries: " + counts));
    shown.addAll(recent);
    return List.copyOf(shown);
  }
}
