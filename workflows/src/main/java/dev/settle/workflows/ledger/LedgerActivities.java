package dev.settle.workflows.ledger;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The double-entry ledger. Every method is idempotent: an activity retry never posts twice. */
@ActivityInterface
public interface LedgerActivities {

  @ActivityMethod
  PostingResult post(PostingInput input);

  /** Offsets the operation's posting with a reversal pair; never deletes or updates. */
  @ActivityMethod
  PostingResult reverse(ReversalInput input);

  /** Which operation's posting to reverse, and why. */
  record ReversalInput(String operationId, String reason) {}
}
