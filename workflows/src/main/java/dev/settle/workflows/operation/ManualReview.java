package dev.settle.workflows.operation;

import io.temporal.workflow.Workflow;
import java.util.function.BooleanSupplier;

/**
 * The operator's side of MANUAL_REVIEW: the one verdict a review accepts from the resolve signal,
 * taken once by the workflow, and the last verdict acted on, which the status shows. Deterministic:
 * it waits through Workflow APIs only.
 */
public final class ManualReview {
  /** The verdict accepted in the current review; one per review. */
  private Resolution accepted;

  /** True once the workflow acts on {@link #accepted}. */
  private boolean taken;

  /** The last verdict acted on, for the status. */
  private Resolution last;

  ManualReview(Resolution last) {
    this.last = last;
  }

  /** A new review needs a new verdict. */
  void open() {
    accepted = null;
    taken = false;
  }

  /**
   * Offers the resolve signal's verdict while the operation is in {@code status}.
   *
   * @return why it was ignored, or null when it was accepted
   */
  String offer(Resolution verdict, OperationStatus status) {
    if (status != OperationStatus.MANUAL_REVIEW || accepted != null) {
      return "status is " + status + ", not MANUAL_REVIEW";
    }
    if (verdict == null || !verdict.acceptable()) {
      return "needs status CONFIRMED or FAILED and an operator";
    }
    accepted = verdict;
    return null;
  }

  /** Waits until an operator's verdict is in or {@code orWhen} holds. */
  public void awaitVerdictOr(BooleanSupplier orWhen) {
    Workflow.await(() -> (accepted != null && !taken) || orWhen.getAsBoolean());
  }

  /** The operator's verdict to act on now, or null; taken once. */
  public Resolution takeVerdict() {
    if (accepted == null || taken) {
      return null;
    }
    taken = true;
    last = accepted;
    return accepted;
  }

  /** Forgets the last verdict acted on: a new wait needs a new decision, made knowing why. */
  public void forgetLastVerdict() {
    last = null;
  }

  public Resolution lastVerdict() {
    return last;
  }
}
