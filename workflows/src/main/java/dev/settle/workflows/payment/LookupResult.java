package dev.settle.workflows.payment;

/** What the upstream's status endpoint said about a key. */
public record LookupResult(Outcome outcome, String upstreamPaymentId, String detail) {

  public enum Outcome {
    FOUND,
    NOT_FOUND,
    /** The status endpoint could not answer; nothing was learnt. */
    UNAVAILABLE,
    /** A payment is there under the key, but not the one asked for: it never confirms. */
    MISMATCH
  }
}
