package dev.settle.activities.ledger;

import dev.settle.workflows.ledger.LedgerActivities;
import dev.settle.workflows.ledger.PostingInput;
import dev.settle.workflows.ledger.PostingResult;
import dev.settle.workflows.operation.SettleNames;
import io.temporal.spring.boot.ActivityImpl;
import org.springframework.stereotype.Component;

@Component
@ActivityImpl(taskQueues = SettleNames.TASK_QUEUE)
public class LedgerActivitiesImpl implements LedgerActivities {
  private final LedgerRepository ledger;

  public LedgerActivitiesImpl(LedgerRepository ledger) {
    this.ledger = ledger;
  }

  @Override
  public PostingResult post(PostingInput input) {
    int inserted =
        ledger.postPair(
            input.operationId(),
            input.debitAccount(),
            input.creditAccount(),
            input.amount(),
            input.currency());
    return new PostingResult(inserted > 0, 2);
  }

  @Override
  public PostingResult reverse(ReversalInput input) {
    int inserted = ledger.reversePair(input.operationId());
    return new PostingResult(inserted > 0, 2);
  }
}
