package dev.settle.workflows.ledger;

import dev.settle.workflows.operation.ActivityNames;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;

/** The double-entry ledger. Every method is idempotent: an activity retry never posts twice. */
@ActivityInterface
public interface LedgerActivities {
  /**
   * Failure type of {@link #post}: the ledger already holds another posting under the operation's
   * reference. Never retried; the operation goes to an operator with the reason.
   */
  String LEDGER_CONFLICT = "ledger-conflict";

  /**
   * Why the ledger refused a {@link #post} as a conflict; any other failure of the call is
   * rethrown.
   */
  static String conflictIn(ActivityFailure failure) {
    if (isConflict(failure)) {
      return ((ApplicationFailure) failure.getCause()).getOriginalMessage();
    }
    throw failure;
  }

  /** Whether the ledger refused a {@link #post} as a conflict. */
  static boolean isConflict(ActivityFailure failure) {
    return failure.getCause() instanceof ApplicationFailure app
        && LEDGER_CONFLICT.equals(app.getType());
  }

  @ActivityMethod(name = ActivityNames.POST)
  PostingResult post(PostingInput input);

  /** Offsets the operation's posting with a reversal pair; never deletes or updates. */
  @ActivityMethod(name = ActivityNames.REVERSE)
  PostingResult reverse(ReversalInput input);

  /** Which operation's posting to reverse, and why. */
  record ReversalInput(String operationId, String reason) {}
}
