package dev.settle.workflows.operation;

/** The answer of one mutating upstream call, as reconciliation and the operation core read it. */
public interface CallAnswer {
  ExecutionOutcome outcome();

  /** The upstream's reference of what it applied; null unless applied. */
  String reference();

  /** The upstream's HTTP status; 0 when it never answered. */
  int httpStatus();

  String detail();
}
