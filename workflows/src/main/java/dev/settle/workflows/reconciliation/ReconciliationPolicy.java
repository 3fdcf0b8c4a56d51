package dev.settle.workflows.reconciliation;

import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * How an operation in UNKNOWN is reconciled. Read once per execution from the worker's
 * configuration through a local activity, so it is recorded in history and replays
 * deterministically.
 *
 * @param initialBackoff wait before the first status lookup
 * @param maxBackoff cap of the exponential wait between lookups
 * @param notFoundGrace how long after the ambiguous call a "not found" is trusted enough to
 *     re-execute with the same key (a request still in flight upstream may yet commit)
 * @param horizon after this long in UNKNOWN the operation goes to MANUAL_REVIEW
 * @param compensationHorizon how long a saga keeps retrying a compensation before it asks an
 *     operator (MANUAL_REVIEW); null in histories recorded before sagas existed
 * @param continueAsNewAfterEvents once a run's history has this many events, reconciliation goes on
 *     in a new run of the same workflow (payments) or hands over to an operator (sagas), so that no
 *     operation reaches Temporal's history limits; null in histories recorded before, which never
 *     do
 */
public record ReconciliationPolicy(
    Duration initialBackoff,
    Duration maxBackoff,
    Duration notFoundGrace,
    Duration horizon,
    Duration compensationHorizon,
    Integer continueAsNewAfterEvents) {

  /** A policy whose runs never continue as new. */
  public ReconciliationPolicy(
      Duration initialBackoff,
      Duration maxBackoff,
      Duration notFoundGrace,
      Duration horizon,
      Duration compensationHorizon) {
    this(initialBackoff, maxBackoff, notFoundGrace, horizon, compensationHorizon, null);
  }

  /** True once this run's history is as long as a run's should get. */
  public boolean historyFull() {
    return continueAsNewAfterEvents != null
        && Workflow.getInfo().getHistoryLength() >= continueAsNewAfterEvents;
  }

  /** Exponential backoff for the n-th lookup (0-based), capped. */
  public Duration backoff(int lookupsSoFar) {
    long initial = initialBackoff.toMillis();
    long cap = maxBackoff.toMillis();
    int shift = Math.min(lookupsSoFar, 30);
    long delay = initial << shift;
    if (delay <= 0 || delay > cap) {
      delay = cap;
    }
    return Duration.ofMillis(delay);
  }
}
