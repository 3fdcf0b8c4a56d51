package dev.settle.workflows.operation;

/**
 * A caller attaching to the operation: it proves it sent the same payload (fingerprint) and says
 * how long it is willing to wait for a final status.
 *
 * @param budgetMillis how long the caller waits
 * @param waitedByCaller true when the caller keeps the time itself (the gateway's deadline on the
 *     update call): the update then returns as soon as the operation leaves PENDING, and adds no
 *     durable timer to the history. False in updates recorded before, which wait for a final status
 *     with a timer of {@code budgetMillis}.
 */
public record DecisionWait(String fingerprint, long budgetMillis, boolean waitedByCaller) {
  /** A wait whose budget the workflow keeps with a timer (histories recorded before). */
  public DecisionWait(String fingerprint, long budgetMillis) {
    this(fingerprint, budgetMillis, false);
  }
}
