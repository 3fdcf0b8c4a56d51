package dev.settle.workflows.order;

/** What an upstream's status endpoint said about an order step's key. */
public record StepLookup(Outcome outcome, String reference, String detail) {
  public enum Outcome {
    FOUND,
    NOT_FOUND,
    UNAVAILABLE,
    /** Something is there under the key, but not what the step asked for. */
    MISMATCH
  }
}
