package dev.settle.chaos.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.settle.chaos.run.RunLog;
import dev.settle.chaos.schedule.PlannedOperation;
import dev.settle.stackkit.StackTarget;
import java.util.List;
import java.util.Map;

/**
 * Checks a run against a stack: reads the facts from the sources of truth, then every invariant.
 * Usable on its own, later, with the run's log file ({@code chaos/run.sh --check <file>}).
 */
public final class InvariantChecker {
  private final StackTarget stack;

  public InvariantChecker(StackTarget stack) {
    this.stack = stack;
  }

  /** What the check found, and the facts it found it in. */
  public record Checked(Facts facts, List<Violation> violations) {}

  /**
   * @param views operations already read from the gateway after the run settled; any key missing
   *     here is read now
   */
  public Checked check(RunLog log, Map<String, JsonNode> views) {
    List<String> keys = log.schedule().operations().stream().map(PlannedOperation::key).toList();
    Facts facts = new FactsReader(stack).read(log.schedule().runId(), keys, views);
    return new Checked(facts, Invariants.check(log, facts));
  }
}
