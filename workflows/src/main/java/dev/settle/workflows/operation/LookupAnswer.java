package dev.settle.workflows.operation;

/** The answer of one upstream status lookup, as reconciliation and the operation core read it. */
public interface LookupAnswer {
  LookupOutcome outcome();

  /** The upstream's reference of what it found; null unless found. */
  String reference();

  String detail();
}
