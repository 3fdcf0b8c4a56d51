package dev.settle.workflows.operation;

import dev.settle.workflows.reconciliation.Reconciler;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * What the reconciliation loop of an UNKNOWN step shares with the rest of the operation: since when
 * the operation is UNKNOWN, when the next lookup is due, whether an operator asked for one now, and
 * whether other evidence has already settled the step.
 */
final class UnknownPhase implements Reconciler.Host {
  private Long since;
  private Long nextLookupAt;
  private boolean reconcileRequested;
  private BooleanSupplier settledElsewhere = () -> false;

  UnknownPhase(Long since) {
    this.since = since;
  }

  void startedAt(long epochMillis) {
    since = epochMillis;
  }

  Long since() {
    return since;
  }

  Instant nextLookupAt() {
    return nextLookupAt == null ? null : Instant.ofEpochMilli(nextLookupAt);
  }

  void requestReconcile() {
    reconcileRequested = true;
  }

  void settledElsewhereWhen(BooleanSupplier condition) {
    settledElsewhere = condition;
  }

  @Override
  public boolean reconcileRequested() {
    return reconcileRequested;
  }

  @Override
  public void clearReconcileRequest() {
    reconcileRequested = false;
  }

  @Override
  public void nextAttemptAt(Long epochMillis) {
    nextLookupAt = epochMillis;
  }

  @Override
  public boolean settledElsewhere() {
    return settledElsewhere.getAsBoolean();
  }
}
