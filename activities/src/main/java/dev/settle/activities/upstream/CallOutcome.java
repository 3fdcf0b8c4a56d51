package dev.settle.activities.upstream;

/** What a call to an upstream tells us about whether it acted. */
public enum CallOutcome {
  /** 2xx: it acted. */
  EXECUTED,
  /** A business or validation refusal: it definitely did not act and will not if asked again. */
  REJECTED,
  /** It definitely did not act (yet): connect failure, 429, 503, breaker open. Safe to retry. */
  NOT_EXECUTED,
  /** The request may have been acted on: read timeout, reset after send, 5xx from a proxy. */
  AMBIGUOUS,
  /**
   * The upstream says Settle is misconfigured (its auth refused us, no such endpoint, a redirect):
   * it did not act. Retried to the not-executed horizon and alerted, then an operator decides.
   */
  MISCONFIGURED
}
