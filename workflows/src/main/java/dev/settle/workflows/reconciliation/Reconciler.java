package dev.settle.workflows.reconciliation;

import io.temporal.workflow.Workflow;
import java.time.Duration;

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
    default boolean settledElsewhere() {
      return false;
    }
  }

  /** A status lookup of the step at the upstream. */
  public interface Probe {
    Lookup lookup();
  }

  /** Re-executes the step with the same idempotency key. */
  public interface Retry {
    Execution execute();
  }

  /** What the step's lookup said. */
  public enum Lookup {
    FOUND,
    NOT_FOUND,
    UNAVAILABLE,
    /** Something is there under the key, but not what was asked for. */
    MISMATCH
  }

  /** How a (re-)execution ended. */
  public enum Execution {
    APPLIED,
    REJECTED,
    AMBIGUOUS
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
    CONTRADICTED
  }

  private final ReconciliationPolicy policy;
  private final Host host;

  public Reconciler(ReconciliationPolicy policy, Host host) {
    this.policy = policy;
    this.host = host;
  }

  /**
   * @param unknownSince when the step became unknown (epoch millis, workflow time)
   */
  public Verdict untilKnown(long unknownSince, Probe probe, Retry retry) {
    long lastAmbiguousCall = unknownSince;
    int lookups = 0;
    while (true) {
      if (host.settledElsewhere()) {
        return Verdict.SETTLED_ELSEWHERE;
      }
      Duration wait = policy.backoff(lookups);
      host.nextAttemptAt(Workflow.currentTimeMillis() + wait.toMillis());
      Workflow.await(wait, () -> host.reconcileRequested() || host.settledElsewhere());
      host.nextAttemptAt(null);
      if (host.settledElsewhere()) {
        return Verdict.SETTLED_ELSEWHERE;
      }
      host.clearReconcileRequest();
      Lookup lookup = probe.lookup();
      lookups++;
      if (lookup == Lookup.FOUND) {
        return Verdict.APPLIED;
      }
      if (lookup == Lookup.MISMATCH) {
        return Verdict.CONTRADICTED;
      }
      if (host.settledElsewhere()) {
        // Settled while the lookup ran: no re-execution, however "not found" the lookup said.
        return Verdict.SETTLED_ELSEWHERE;
      }
      boolean graceOver =
          Workflow.currentTimeMillis() - lastAmbiguousCall >= policy.notFoundGrace().toMillis();
      if (lookup == Lookup.NOT_FOUND && graceOver) {
        // The upstream says it never applied the key and nothing can still be in flight:
        // re-executing with the same key is safe because the upstream deduplicates by it.
        switch (retry.execute()) {
          case APPLIED -> {
            return Verdict.APPLIED;
          }
          case REJECTED -> {
            return Verdict.NOT_APPLIED;
          }
          case AMBIGUOUS -> lastAmbiguousCall = Workflow.currentTimeMillis();
        }
      }
      if (Workflow.currentTimeMillis() - unknownSince >= policy.horizon().toMillis()) {
        return Verdict.PAST_HORIZON;
      }
    }
  }
}
