package dev.settle.activities.ledger;

import dev.settle.workflows.ledger.LedgerActivities;
import dev.settle.workflows.ledger.PostingInput;
import dev.settle.workflows.ledger.PostingResult;
import dev.settle.workflows.operation.SettleNames;
import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.ActivityImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

@Component
@ActivityImpl(taskQueues = SettleNames.TASK_QUEUE)
public class LedgerActivitiesImpl implements LedgerActivities {
  private static final Logger log = LoggerFactory.getLogger(LedgerActivitiesImpl.class);

  private final LedgerRepository ledger;

  public LedgerActivitiesImpl(LedgerRepository ledger) {
    this.ledger = ledger;
  }

  @Override
  public PostingResult post(PostingInput input) {
    try {
      int inserted =
          ledger.postPair(
              input.operationId(),
              input.debitAccount(),
              input.creditAccount(),
              input.amount(),
              input.currency());
      return new PostingResult(inserted > 0, 2);
    } catch (LedgerRepository.PostingConflict conflict) {
      log.error("Ledger refused a posting: {}", conflict.getMessage());
      throw ApplicationFailure.newNonRetryableFailure(
          conflict.getMessage(), LedgerActivities.LEDGER_CONFLICT);
    }
  }

  @Override
  public PostingResult reverse(ReversalInput input) {
    int inserted = ledger.reversePair(input.operationId());
    return new PostingResult(inserted > 0, 2);
  }
}
