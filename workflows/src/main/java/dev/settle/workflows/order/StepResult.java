package dev.settle.workflows.order;

/** How an order step's call ended (the retryable, definitely-not-executed case is thrown). */
public record StepResult(Outcome outcome, String reference, int httpStatus, String detail) {
  public enum Outcome {
    APPLIED,
    REJECTED,
    AMBIGUOUS
  }
}
