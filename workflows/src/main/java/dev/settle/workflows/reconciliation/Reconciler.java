package dev.settle.workflows.reconciliation;

import dev.settle.workflows.operation.CallAnswer;
import dev.settle.workflows.operation.ExecutionOutcome;
import dev.settle.workflows.operation.LookupAnswer;
import dev.settle.workflows.operation.LookupOutcome;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The reconciliation loop for one upstream step whose outcome is unknown, shared by every operation
 * type: look up the step on a capped exponential backoff (woken at once by a reconcile signal),
 * re-execute it with the same key once "not found" is trustworthy, and give up past the horizon.
 * Deterministic: it only uses Workflow APIs and the activities its caller hands in.
 */
public final class Reconciler {

  /** What the workflow around the loop shows and lets operators trigger. */
  public interface Host {
    boolean reconcileRequested();

    void clearReconcileRequest();

    /** When the next lookup is due (epoch millis), or null while one runs. */
    void nextAttemptAt(Long epochMillis);

    /**
     * Another source of truth (a webhook, a statement) has already shown the step applied, so no
     * further lookup or re-execution is needed. Hosts without such sources never are.
     */
    boolean settledElsewhere();
  }

  /** How reconciliation ended. */
  public enum Verdict {
    /** Found at the upstream, or applied by a re-execution. */
    APPLIED,
    /** A re-execution was refused: the step is definitely not applied. */
    NOT_APPLIED,
    /** Still unknown past the horizon: an operator must decide. */
    PAST_HORIZON,
    /** Shown applied by another source of truth ({@link Host#settledElsewhere()}). */
    SETTLED_ELSEWHERE,
    /** The lookup found something else under the key: an operator must decide. */
    CONTRADICTED,
    /**
     * Still unknown, and this run's history is full ({@link ReconciliationPolicy#historyFull()}):
     * reconciliation goes on from {@link Settled#progress()} in a new run.
     */
    HISTORY_FULL,
    /** A re-execution was refused as misconfigured until the horizon: an operator must decide. */
    MISCONFIGURED;

    /** The status the step's reconciliation concluded, as metrics tag it. */
    public String concluded() {
      return switch (this) {
        case APPLIED, SETTLED_ELSEWHERE -> "CONFIRMED";
        case NOT_APPLIED -> "FAILED";
        case PAST_HORIZON, CONTRADICTED, MISCONFIGURED -> "MANUAL_REVIEW";
        case HISTORY_FULL -> "UNKNOWN";
      };
    }
  }

  /** How far reconciliation got: where a new run goes on from. */
  public record Progress(int lookups, long lastAmbiguousCall) {}

  /**
   * How reconciliation ended and on what evidence: the last lookup and the last re-execution (each
   * null if there was none), and how far it got.
   */
  public record Settled<L extends LookupAnswer, E extends CallAnswer>(
      Verdict verdict, L lookup, E execution, Progress progress) {

    /** True when the step was applied by a re-execution rather than found. */
    public boolean reExecuted() {
      return execution != null && execution.outcome() == ExecutionOutcome.APPLIED;
    }

    /** The upstream's reference of the applied step: the re-execution's, else the lookup's. */
    public String reference() {
      if (reExecuted()) {
        return execution.reference();
      }
      return lookup == null ? null : lookup.reference();
    }
  }

  private final ReconciliationPolicy policy;
  private final Host host;

  public Reconciler(ReconciliationPolicy policy, Host host) {
    this.policy = policy;
    this.host = host;
  }

  /**
   * @param unknownSince when the step became unknown (epoch millis, workflow time)
   * @param resumed how far an earlier run got, or null
   * @param probe looks the step up at the upstream
   * @param retry re-executes the step with the same idempotency key
   */
  public <L extends LookupAnswer, E extends CallAnswer> Settled<L, E> untilKnown(
      long unknownSince, Progress resumed, Supplier<L> probe, Supplier<E> retry) {
    long lastAmbiguousCall = resumed == null ? unknownSince : resumed.lastAmbiguousCall();
    int lookups = resumed == null ? 0 : resumed.lookups();
    L lookup = null;
    E execution = null;
    while (true) {
      if (host.settledElsewhere()) {
        return new Settled<>(Verdict.SETTLED_ELSEWHERE, lookup, execution, null);
      }
      if (policy.historyFull()) {
        return new Settled<>(
            Verdict.HISTORY_FULL, lookup, execution, new Progress(lookups, lastAmbiguousCall));
      }
      Duration wait = policy.backoff(lookups);
      host.nextAttemptAt(Workflow.currentTimeMillis() + wait.toMillis());
      Workflow.await(wait, () -> host.reconcileRequested() || host.settledElsewhere());
      host.nextAttemptAt(null);
      if (host.settledElsewhere()) {
        return new Settled<>(Verdict.SETTLED_ELSEWHERE, lookup, execution, null);
      }
      host.clearReconcileRequest();
      lookup = probe.get();
      lookups++;
      if (lookup.outcome() == LookupOutcome.FOUND) {
        return new Settled<>(Verdict.APPLIED, lookup, execution, null);
      }
      if (lookup.outcome() == LookupOutcome.MISMATCH) {
        return new Settled<>(Verdict.CONTRADICTED, lookup, execution, null);
      }
      if (host.settledElsewhere()) {
        // Settled while the lookup ran: no re-execution, however "not found" the lookup said.
        return new Settled<>(Verdict.SETTLED_ELSEWHERE, lookup, execution, null);
      }
      boolean graceOver =
          Workflow.currentTimeMillis() - lastAmbiguousCall >= policy.notFoundGrace().toMillis();
      if (lookup.outcome() == LookupOutcome.NOT_FOUND && graceOver) {
        // The upstream says it never applied the key and nothing can still be in flight:
        // re-executing with the same key is safe because the upstream deduplicates by it.
        execution = retry.get();
        switch (execution.outcome()) {
          case APPLIED -> {
            return new Settled<>(Verdict.APPLIED, lookup, execution, null);
          }
          case REJECTED -> {
            return new Settled<>(Verdict.NOT_APPLIED, lookup, execution, null);
          }
          case MISCONFIGURED -> {
            return new Settled<>(Verdict.MISCONFIGURED, lookup, execution, null);
          }
          case AMBIGUOUS -> lastAmbiguousCall = Workflow.currentTimeMillis();
        }
      }
      if (Workflow.currentTimeMillis() - unknownSince >= policy.horizon().toMillis()) {
        return new Settled<>(Verdict.PAST_HORIZON, lookup, execution, null);
      }
    }
  }
}
