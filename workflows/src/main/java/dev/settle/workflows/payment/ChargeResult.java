package dev.settle.workflows.payment;

/**
 * How a charge call ended. Outcomes that definitely did not execute and may be retried are not
 * results: the activity throws for them and Temporal retries it.
 */
public record ChargeResult(
    Outcome outcome, String upstreamPaymentId, int httpStatus, String detail) {

  public enum Outcome {
    /** The upstream answered 2xx: the payment is applied. */
    APPLIED,
    /** The upstream refused it (4xx business or validation): it is definitely not applied. */
    REJECTED,
    /** The request may have reached the upstream and nobody knows what it did. */
    AMBIGUOUS
  }
}
