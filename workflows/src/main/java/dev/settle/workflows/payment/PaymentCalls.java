package dev.settle.workflows.payment;

import dev.settle.workflows.ledger.LedgerActivities;
import dev.settle.workflows.ledger.PostingInput;
import dev.settle.workflows.operation.Attempt.Step;
import dev.settle.workflows.operation.LookupOutcome;
import dev.settle.workflows.operation.OperationCore;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;

/**
 * A payment's calls, each recorded in the operation's history: the charge, its lookup and the
 * ledger posting, as activities, and on the lean happy path as one local try first. A local
 * activity is a marker in the workflow task that schedules it, not three events and a workflow task
 * of its own.
 */
final class PaymentCalls {
  private final PaymentActivities upstream =
      Workflow.newActivityStub(PaymentActivities.class, PaymentActivityOptions.UPSTREAM);
  private final LedgerActivities ledger =
      Workflow.newActivityStub(LedgerActivities.class, PaymentActivityOptions.LEDGER);
  private final PaymentActivities localUpstream =
      Workflow.newLocalActivityStub(PaymentActivities.class, PaymentActivityOptions.LOCAL_UPSTREAM);
  private final LedgerActivities localLedger =
      Workflow.newLocalActivityStub(LedgerActivities.class, PaymentActivityOptions.LOCAL_LEDGER);

  private final OperationCore core;

  PaymentCalls(OperationCore core) {
    this.core = core;
  }

  ChargeResult charge(ChargeInput input) {
    ChargeResult result;
    try {
      result = upstream.charge(input);
    } catch (ActivityFailure failure) {
      result = classifyExhausted(failure);
    }
    core.record(Step.CHARGE, result.outcome().name(), result.detail());
    return result;
  }

  /**
   * The lean happy path's charge: one local try, and when it ends without an answer to act on (the
   * upstream did not execute it, or the try itself failed), the activity takes over with its
   * retries to the horizon. Both are one call in the journal ({@link ChargeInput#callId}), so the
   * activity knows whether the local try put a request on the wire that the upstream may have acted
   * on; so does a local try run again after its worker was lost.
   */
  ChargeResult chargeLocallyFirst(ChargeInput call) {
    ChargeResult result;
    try {
      result = localUpstream.charge(call);
    } catch (ActivityFailure local) {
      try {
        result = upstream.charge(call.asCall(call.callId(), 1));
      } catch (ActivityFailure failure) {
        result = classifyExhausted(failure);
      }
    }
    core.record(Step.CHARGE, result.outcome().name(), result.detail());
    return result;
  }

  /**
   * The activity gave up. If every try was definitely not executed, nothing happened upstream; if
   * the last try timed out (worker lost, call hung), the upstream may have acted.
   */
  private static ChargeResult classifyExhausted(ActivityFailure failure) {
    return new ChargeResult(
        PaymentActivities.exhausted(failure),
        null,
        0,
        PaymentActivities.exhaustedDetail(failure, "charge"));
  }

  LookupResult lookup(ChargeInput charged) {
    LookupResult result;
    try {
      result = upstream.lookup(LookupInput.of(charged));
    } catch (ActivityFailure failure) {
      result = new LookupResult(LookupOutcome.UNAVAILABLE, null, failure.getMessage());
    }
    core.record(Step.LOOKUP, result.outcome().name(), result.detail());
    return result;
  }

  /**
   * Posts the balanced pair; with {@code locallyFirst} one local try first, the activity's endless
   * retries after it unless the ledger refused the posting as a conflict (thrown, like the
   * activity's).
   */
  void post(PostingInput posting, boolean locallyFirst) {
    if (locallyFirst) {
      try {
        localLedger.post(posting);
        return;
      } catch (ActivityFailure local) {
        if (LedgerActivities.isConflict(local)) {
          throw local;
        }
      }
    }
    ledger.post(posting);
  }
}
