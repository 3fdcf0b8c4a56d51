package dev.settle.workflows.order;

/**
 * One step of the order saga as the status shows it: how the step ended and how its compensation
 * ended.
 */
public record SagaStep(
    Name name, Outcome outcome, String reference, Compensation compensation, String detail) {

  public enum Name {
    ORDER,
    STOCK,
    PAYMENT
  }

  public enum Outcome {
    PENDING,
    APPLIED,
    NOT_APPLIED,
    UNKNOWN
  }

  public enum Compensation {
    /** Not registered yet, or the saga did not unwind. */
    NONE,
    RUNNING,
    DONE,
    /** The step never took effect; there was nothing to undo. */
    NOT_NEEDED,
    /** Kept failing past the compensation horizon: an operator must act. */
    STUCK
  }

  SagaStep with(Outcome outcome, String reference, String detail) {
    return new SagaStep(name, outcome, reference, compensation, detail);
  }

  SagaStep with(Compensation compensation, String detail) {
    return new SagaStep(name, outcome, reference, compensation, detail);
  }
}
