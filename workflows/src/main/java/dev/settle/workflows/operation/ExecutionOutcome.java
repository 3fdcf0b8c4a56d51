package dev.settle.workflows.operation;

/**
 * How one mutating upstream call ended, whatever the upstream. Calls that definitely did not
 * execute and may be retried are not outcomes: the activity throws for them and Temporal retries
 * it.
 */
public enum ExecutionOutcome {
  /** The upstream answered 2xx: the step is applied. */
  APPLIED,
  /**
   * The upstream refused it (a 4xx business or validation answer): it is definitely not applied.
   */
  REJECTED,
  /** The request may have reached the upstream and nobody knows what it did. */
  AMBIGUOUS,
  /**
   * Every try until the not-executed horizon was refused because Settle is misconfigured (the
   * upstream's auth, endpoint or address): it did not act, and an operator decides.
   */
  MISCONFIGURED
}
