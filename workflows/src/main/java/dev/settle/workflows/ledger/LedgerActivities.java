package dev.settle.workflows.ledger;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The double-entry ledger. Every method is idempotent: an activity retry never posts twice. */
@ActivityInterface
public interface LedgerActivities {

  @ActivityMethod
  PostingResult post(PostingInput input);
}
