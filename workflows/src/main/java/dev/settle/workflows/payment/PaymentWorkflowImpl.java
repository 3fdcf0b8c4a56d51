package dev.settle.workflows.payment;

import dev.settle.workflows.ledger.LedgerActivities;
import dev.settle.workflows.ledger.PostingInput;
import dev.settle.workflows.operation.Attempt.Step;
import dev.settle.workflows.operation.DecisionWait;
import dev.settle.workflows.operation.LookupOutcome;
import dev.settle.workflows.operation.OperationCore;
import dev.settle.workflows.operation.OperationStatus;
import dev.settle.workflows.operation.Resolution;
import dev.settle.workflows.operation.RunShape;
import dev.settle.workflows.operation.SettleNames;
import dev.settle.workflows.operation.UpstreamKeys;
import dev.settle.workflows.reconciliation.PolicyActivities;
import dev.settle.workflows.reconciliation.PolicyActivities.PolicyRequest;
import dev.settle.workflows.reconciliation.Reconciler;
import dev.settle.workflows.reconciliation.ReconciliationPolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.spring.boot.WorkflowImpl;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;

/**
 * PENDING → CONFIRMED | FAILED | UNKNOWN; from UNKNOWN, by reconciliation, → CONFIRMED | FAILED |
 * MANUAL_REVIEW; from MANUAL_REVIEW, by an operator's resolve signal (or a lookup that finally
 * finds the payment), → CONFIRMED | FAILED. Settlement evidence (webhook, statement) that matches
 * the request settles UNKNOWN and MANUAL_REVIEW like a lookup that finds the payment. What every
 * operation shares is in {@link OperationCore}; this class is the payment's one step and its
 * evidence.
 */
@WorkflowImpl(taskQueues = SettleNames.TASK_QUEUE)
public class PaymentWorkflowImpl implements PaymentWorkflow {
  private static final Logger log = Workflow.getLogger(PaymentWorkflowImpl.class);

  private final PaymentActivities upstream =
      Workflow.newActivityStub(PaymentActivities.class, PaymentActivityOptions.UPSTREAM);
  private final LedgerActivities ledger =
      Workflow.newActivityStub(LedgerActivities.class, PaymentActivityOptions.LEDGER);
  private final PolicyActivities policies =
      Workflow.newLocalActivityStub(PolicyActivities.class, PaymentActivityOptions.POLICY);

  // The lean happy path's first tries: a local activity is a marker in the workflow task that
  // schedules it, not three events and a workflow task of its own.
  private final PaymentActivities localUpstream =
      Workflow.newLocalActivityStub(PaymentActivities.class, PaymentActivityOptions.LOCAL_UPSTREAM);
  private final LedgerActivities localLedger =
      Workflow.newLocalActivityStub(LedgerActivities.class, PaymentActivityOptions.LOCAL_LEDGER);

  /** This run tries the charge and the posting locally first ({@link RunShape#leanHappyPath}). */
  private boolean lean;

  private final PaymentRequest request;
  private final OperationCore core;
  private String upstreamPaymentId;
  private int executions;
  private boolean ledgerPosted;

  /** The key this run sends upstream and posts under; set when the run starts. */
  private String upstreamKey;

  /**
   * Set when the ledger refused the posting as another one under the same reference: only an
   * operator ends the operation then, and confirming it posts nothing.
   */
  private String ledgerConflict;

  /** Facts already received as evidence: a repeated one is dropped without a trace. */
  private final Set<String> evidenceFacts = new HashSet<>();

  /** Matching settlement evidence not yet acted on. */
  private Evidence settlement;

  /**
   * False once evidence contradicted the upstream's own answer: from then on only an operator
   * decides, evidence is only recorded.
   */
  private boolean evidenceMaySettle = true;

  @WorkflowInit
  public PaymentWorkflowImpl(PaymentRequest request) {
    this.request = request;
    this.core =
        new OperationCore(
            new OperationCore.Identity(
                SettleNames.OPERATION_TYPE_PAYMENT,
                request.operationId(),
                request.idempotencyKey(),
                request.fingerprint(),
                request.callbackUrl(),
                request.amount(),
                request.currency(),
                true),
            request.resume() == null ? null : request.resume().core());
    core.settledElsewhereWhen(this::settledElsewhere);
    PaymentResume resume = request.resume();
    if (resume != null) {
      upstreamKey = resume.upstreamKey();
      executions = resume.executions();
      upstreamPaymentId = resume.upstreamPaymentId();
      evidenceFacts.addAll(resume.evidenceFacts());
      settlement = resume.settlement();
      evidenceMaySettle = resume.evidenceMaySettle();
    }
  }

  @Override
  public PaymentState pay(PaymentRequest ignored) {
    if (request.resume() != null) {
      reconcileUntilKnown(reconciliationPolicy(), request.resume().progress());
      core.finish(policies);
      return state();
    }
    RunShape shape = RunShape.ofThisRun();
    upstreamKey = UpstreamKeys.forRun(shape, request.clientId(), request.idempotencyKey());
    lean = shape.leanHappyPath();
    // Runs of the lean shape read the policy only when the charge turns out ambiguous.
    ReconciliationPolicy policy = lean ? null : reconciliationPolicy();
    ChargeResult result = lean ? chargeLocallyFirst() : charge();
    switch (result.outcome()) {
      case APPLIED -> confirm(result.upstreamPaymentId(), "upstream applied the payment");
      case REJECTED -> {
        if (settlement != null) {
          conflict("the charge was refused (" + result.detail() + ")");
        } else {
          core.failed(failureCodeOf(result), result.detail());
        }
      }
      case AMBIGUOUS -> reconcileUntilKnown(policy != null ? policy : reconciliationPolicy(), null);
      case MISCONFIGURED -> awaitOperator(misconfigured(result));
    }
    core.finish(policies);
    return state();
  }

  private ReconciliationPolicy reconciliationPolicy() {
    return policies.reconciliationPolicy(new PolicyRequest(SettleNames.OPERATION_TYPE_PAYMENT));
  }

  @Override
  public PaymentState state() {
    return new PaymentState(
        request.operationId(),
        request.clientId(),
        request.idempotencyKey(),
        core.status(),
        request.fingerprint(),
        request.debitAccount(),
        request.creditAccount(),
        request.amount(),
        request.currency(),
        upstreamPaymentId,
        core.failureCode(),
        core.failureDetail(),
        core.createdAt(),
        core.decidedAt(),
        core.unknownSince(),
        core.nextReconcileAt(),
        executions,
        ledgerPosted,
        core.lastVerdict(),
        core.attempts(),
        request.requestId(),
        core.callback(),
        upstreamKey);
  }

  @Override
  public void redeliverCallback() {
    core.redeliverCallbackSignal();
  }

  @Override
  public void reconcile() {
    core.reconcileSignal();
  }

  @Override
  public void resolve(Resolution resolution) {
    core.resolveSignal(resolution);
  }

  @Override
  public void evidence(Evidence evidence) {
    if (evidence == null || !evidence.complete()) {
      core.record(Step.EVIDENCE, "IGNORED", "incomplete evidence: " + evidence);
      return;
    }
    if (!evidenceFacts.add(evidence.fact())) {
      return;
    }
    String what = evidence.describe();
    if (!evidence.aboutKey(upstreamKey)) {
      // The same workflow ID, an earlier run's key: about an operation this run never sent.
      core.record(
          Step.EVIDENCE,
          "IGNORED",
          what
              + "; reported under "
              + evidence.upstreamKey()
              + ", an earlier run's key, not this run's "
              + upstreamKey);
    } else if (core.status().isFinal()) {
      core.record(Step.EVIDENCE, "IGNORED", what + "; the payment is already " + core.status());
    } else if (!evidence.settled()) {
      core.record(
          Step.EVIDENCE, "IGNORED", what + "; only " + Evidence.SETTLED + " settles a payment");
    } else if (!evidence.matches(request.amount(), request.currency())) {
      // The same key settled for other money: never a confirmation of this request.
      core.record(
          Step.EVIDENCE,
          "MISMATCH",
          what
              + "; the request is "
              + request.amount().toPlainString()
              + " "
              + request.currency()
              + ", ignored");
      log.warn("Payment {}: evidence does not match the request: {}", request.operationId(), what);
    } else if (!evidenceMaySettle || settlement != null) {
      core.record(Step.EVIDENCE, "NOTED", what);
    } else {
      settlement = evidence;
      core.record(
          Step.EVIDENCE,
          "ACCEPTED",
          core.status() == OperationStatus.PENDING
              ? what + "; acted on once the charge in flight returns"
              : what);
    }
  }

  @Override
  public PaymentState awaitDecision(DecisionWait wait) {
    core.awaitDecision(wait);
    return state();
  }

  @Override
  public void validateAwaitDecision(DecisionWait wait) {
    core.validateDecisionWait(wait);
  }

  private ChargeInput chargeInput() {
    return new ChargeInput(
        upstreamKey,
        request.debitAccount(),
        request.creditAccount(),
        request.amount(),
        request.currency());
  }

  private ChargeResult charge() {
    executions++;
    ChargeResult result;
    try {
      result = upstream.charge(chargeInput());
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
  private ChargeResult chargeLocallyFirst() {
    executions++;
    ChargeInput call =
        chargeInput()
            .asCall(
                Workflow.getInfo().getWorkflowId()
                    + "/"
                    + Workflow.getInfo().getRunId()
                    + "/charge-"
                    + executions,
                0);
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

  private static String failureCodeOf(ChargeResult result) {
    return result.httpStatus() == 0 ? "upstream-unavailable" : "upstream-rejected";
  }

  private void reconcileUntilKnown(ReconciliationPolicy policy, Reconciler.Progress resumed) {
    Reconciler.Settled<LookupResult, ChargeResult> settled =
        core.reconcile(policy, resumed, this::lookup, this::charge);
    switch (settled.verdict()) {
      case APPLIED ->
          confirm(
              settled.reference(),
              settled.reExecuted() ? "re-executed after not found" : "found by reconciliation");
      case NOT_APPLIED -> {
        if (settlement != null) {
          conflict("the re-execution was refused (" + settled.execution().detail() + ")");
        } else {
          core.failed(failureCodeOf(settled.execution()), settled.execution().detail());
        }
      }
      case PAST_HORIZON -> awaitOperator("reconciliation horizon passed; waiting for resolve");
      case SETTLED_ELSEWHERE -> confirmBySettlement();
      case CONTRADICTED ->
          awaitOperator(
              "the lookup found another payment under the key ("
                  + settled.lookup().detail()
                  + "); waiting for resolve");
      case HISTORY_FULL -> continueAsNew(settled.progress());
      case MISCONFIGURED -> awaitOperator(misconfigured(settled.execution()));
    }
  }

  /**
   * Goes on reconciling in a new run of the same workflow (same ID, same first run, so the same
   * upstream key), the state carried over; callers attached now finish first.
   */
  private void continueAsNew(Reconciler.Progress progress) {
    Workflow.await(Workflow::isEveryHandlerFinished);
    PaymentResume resume =
        new PaymentResume(
            core.carried(),
            upstreamKey,
            executions,
            upstreamPaymentId,
            List.copyOf(evidenceFacts),
            settlement,
            evidenceMaySettle,
            progress);
    log.info("Payment {} still UNKNOWN: continuing as new", request.operationId());
    Workflow.continueAsNew(
        ContinueAsNewOptions.newBuilder()
            .setTypedSearchAttributes(Workflow.getTypedSearchAttributes())
            .build(),
        request.resumingFrom(resume));
  }

  private static String misconfigured(ChargeResult result) {
    return "the charge was refused as misconfigured until the horizon ("
        + result.detail()
        + "); nothing was charged by it; waiting for resolve";
  }

  private boolean settledElsewhere() {
    return evidenceMaySettle && settlement != null;
  }

  private void confirmBySettlement() {
    core.record(Step.EVIDENCE, "SETTLED", "confirmed by " + settlement.describe());
    confirm(settlement.upstreamPaymentId(), "settled by " + settlement.source() + " evidence");
  }

  /**
   * The upstream refused the charge, yet says elsewhere that it settled it. Neither is trusted over
   * the other: an operator decides, and evidence no longer settles it by itself.
   */
  private void conflict(String refusal) {
    evidenceMaySettle = false;
    core.record(Step.EVIDENCE, "CONFLICT", refusal + " but " + settlement.describe());
    log.warn("Payment {}: {} contradicts settlement evidence", request.operationId(), refusal);
    awaitOperator("contradicting evidence; waiting for resolve");
  }

  private void awaitOperator(String why) {
    // A wait entered from an operator's own confirmation (the ledger then refused it) needs a new
    // decision, made knowing why.
    core.forgetLastVerdict();
    core.enterManualReview(why);
    while (true) {
      core.awaitVerdictOr(
          () -> ledgerConflict == null && (core.reconcileRequested() || settledElsewhere()));
      Resolution verdict = core.takeVerdict();
      if (verdict != null) {
        if (verdict.status() == OperationStatus.CONFIRMED && ledgerConflict != null) {
          upstreamPaymentId = verdict.upstreamPaymentId();
          core.record(
              Step.LEDGER, "NOT_POSTED", "left to " + verdict.operator() + ": " + ledgerConflict);
          markConfirmed("resolved by " + verdict.operator());
        } else if (verdict.status() == OperationStatus.CONFIRMED) {
          confirm(verdict.upstreamPaymentId(), "resolved by " + verdict.operator());
        } else {
          core.failed("operator-resolved", verdict.note());
        }
        return;
      }
      if (settledElsewhere()) {
        confirmBySettlement();
        return;
      }
      core.clearReconcileRequest();
      LookupResult lookup = lookup();
      if (lookup.outcome() == LookupOutcome.FOUND) {
        confirm(lookup.upstreamPaymentId(), "found by a forced lookup during manual review");
        return;
      }
    }
  }

  private LookupResult lookup() {
    LookupResult result;
    try {
      result = upstream.lookup(LookupInput.of(chargeInput()));
    } catch (ActivityFailure failure) {
      result = new LookupResult(LookupOutcome.UNAVAILABLE, null, failure.getMessage());
    }
    core.record(Step.LOOKUP, result.outcome().name(), result.detail());
    return result;
  }

  private void confirm(String paymentId, String why) {
    upstreamPaymentId = paymentId;
    try {
      post(
          new PostingInput(
              upstreamKey,
              request.debitAccount(),
              request.creditAccount(),
              request.amount(),
              request.currency()));
    } catch (ActivityFailure failure) {
      ledgerConflict = LedgerActivities.conflictIn(failure);
      core.record(Step.LEDGER, "CONFLICT", ledgerConflict);
      awaitOperator("the ledger refused the posting: " + ledgerConflict);
      return;
    }
    ledgerPosted = true;
    core.record(
        Step.LEDGER, "POSTED", "balanced pair for " + request.amount() + " " + request.currency());
    markConfirmed(why);
  }

  /**
   * Posts the balanced pair; in a lean run one local try first, the activity's endless retries
   * after it unless the ledger refused the posting as a conflict (thrown, like the activity's).
   */
  private void post(PostingInput posting) {
    if (lean) {
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

  private void markConfirmed(String why) {
    core.confirmed();
    log.info("Payment {} confirmed: {}", request.operationId(), why);
  }
}
