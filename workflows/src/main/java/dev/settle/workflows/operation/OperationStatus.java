package dev.settle.workflows.operation;

/**
 * The states an operation moves through; the search attribute {@code OperationStatus} mirrors it.
 */
public enum OperationStatus {
  /** Intent recorded, upstream not yet answered. */
  PENDING,
  /** The upstream applied the operation; the ledger holds its posting. */
  CONFIRMED,
  /** The upstream definitely did not apply the operation. */
  FAILED,
  /** Nobody knows yet whether the upstream applied it; reconciliation is running. */
  UNKNOWN,
  /** Reconciliation gave up past its horizon; an operator must resolve it. */
  MANUAL_REVIEW;

  /** Final means no further transition will happen without an operator. */
  public boolean isFinal() {
    return this == CONFIRMED || this == FAILED;
  }
}
