package dev.settle.workflows.operation;

import java.time.Instant;

/** One piece of evidence in an operation's history: a call, a lookup, a signal, a decision. */
public record Attempt(Instant at, Step step, String outcome, String detail) {

  /** What produced the evidence. */
  public enum Step {
    CHARGE,
    LOOKUP,
    RECONCILE_SIGNAL,
    RESOLVE_SIGNAL,
    /** Settlement evidence from a webhook or a statement line. */
    EVIDENCE,
    LEDGER,
    MANUAL_REVIEW,
    ORDER,
    STOCK,
    COMPENSATION,
    /** Not an entry: how many earlier entries the history no longer shows, by step. */
    EARLIER
  }
}
