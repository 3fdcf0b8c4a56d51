package dev.settle.bench.load;

/** A named way of doing one operation, e.g. a payment through the gateway. */
public interface Scenario {
  /** The name used on the command line and in the report. */
  String name();

  /**
   * Whether the measured path runs on Settle's worker processes, so that it is worth measuring
   * again with another number of workers.
   */
  boolean usesSettleWorker();

  Operation operation();

  /**
   * What the workflow IDs of this scenario's operations start with, so the bench can read a sample
   * of their histories; null for a scenario that runs no workflow.
   */
  default String workflowIdPrefix() {
    return null;
  }

  /** Prepares the stack for this scenario's cell (e.g. injects faults). */
  default void beforeCell() throws Exception {}

  /** Undoes {@link #beforeCell()}; runs even when the cell failed. */
  default void afterCell() throws Exception {}
}
