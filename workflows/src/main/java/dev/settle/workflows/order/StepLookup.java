package dev.settle.workflows.order;

/** What an upstream's status endpoint said about an order step's key. */
public record StepLookup(Outcome outcome, String reference, String detail) {
  public enum Outcome {
    FOUND,
    NOT_FOUND,
    UNAVAILABLE
  }
}
