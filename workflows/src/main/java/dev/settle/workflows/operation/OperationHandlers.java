package dev.settle.workflows.operation;

/**
 * The handlers every operation type answers the same way, through its {@link OperationCore}: the
 * reconcile, resolve and redeliver-callback signals and the awaitDecision update. A workflow
 * implementation extends this and implements its own interface; the methods here satisfy it.
 *
 * @param <S> the state the operation type's query and update answer
 */
public abstract class OperationHandlers<S> {
  protected final OperationCore core;

  protected OperationHandlers(OperationCore core) {
    this.core = core;
  }

  /** The state the query, the update and the workflow's result show. */
  public abstract S state();

  public void reconcile() {
    core.reconcileSignal();
  }

  public void resolve(Resolution resolution) {
    core.resolveSignal(resolution);
  }

  public void redeliverCallback() {
    core.redeliverCallbackSignal();
  }

  public S awaitDecision(DecisionWait wait) {
    core.awaitDecision(wait);
    return state();
  }

  public void validateAwaitDecision(DecisionWait wait) {
    core.validateDecisionWait(wait);
  }
}
