package dev.settle.workflows.payment;

import dev.settle.workflows.ledger.LedgerActivities;
import dev.settle.workflows.ledger.PostingInput;
import dev.settle.workflows.operation.Attempt.Step;
import dev.settle.workflows.operation.LookupOutcome;
import dev.settle.workflows.operation.OperationCore;
import dev.settle.workflows.operation.OperationHandlers;
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
public class PaymentWorkflowImpl extends OperationHandlers<PaymentState>
    implements PaymentWorkflow {
  private static final Logger log = Workflow.getLogger(PaymentWorkflowImpl.class);

  private final PolicyActivities policies =
      Workflow.newLocalActivityStub(PolicyActivities.class, PaymentActivityOptions.POLICY);

  /** This run tries the charge and the posting locally first ({@link RunShape#leanHappyPath}). */
  private boolean lean;

  private final PaymentRequest request;
  private final PaymentCalls calls;
  private final PaymentEvidence evidence;
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

  @WorkflowInit
  public PaymentWorkflowImpl(PaymentRequest request) {
    super(
        new OperationCore(
            request.identity(), request.resume() == null ? null : request.resume().core()));
    this.request = request;
    this.calls = new PaymentCalls(core);
    PaymentResume resume = request.resume();
    this.evidence = new PaymentEvidence(request, core, resume);
    core.settledElsewhereWhen(evidence::settles);
    if (resume != null) {
      upstreamKey = resume.upstreamKey();
      executions = resume.executions();
      upstreamPaymentId = resume.upstreamPaymentId();
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
        if (evidence.settlement() != null) {
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
        core.review().lastVerdict(),
        core.attempts(),
        request.requestId(),
        core.callback(),
        upstreamKey);
  }

  @Override
  public void evidence(Evidence evidence) {
    this.evidence.receive(evidence, upstreamKey);
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
    return calls.charge(chargeInput());
  }

  /** The lean happy path's charge ({@link PaymentCalls#chargeLocallyFirst}), one call ID a try. */
  private ChargeResult chargeLocallyFirst() {
    executions++;
    String callId =
        Workflow.getInfo().getWorkflowId()
            + "/"
            + Workflow.getInfo().getRunId()
            + "/charge-"
            + executions;
    return calls.chargeLocallyFirst(chargeInput().asCall(callId, 0));
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
        if (evidence.settlement() != null) {
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
            evidence.facts(),
            evidence.settlement(),
            evidence.maySettle(),
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

  private void confirmBySettlement() {
    Evidence settlement = evidence.settlement();
    core.record(Step.EVIDENCE, "SETTLED", "confirmed by " + settlement.describe());
    confirm(settlement.upstreamPaymentId(), "settled by " + settlement.source() + " evidence");
  }

  /**
   * The upstream refused the charge, yet says elsewhere that it settled it. Neither is trusted over
   * the other: an operator decides, and evidence no longer settles it by itself.
   */
  private void conflict(String refusal) {
    evidence.distrust();
    core.record(Step.EVIDENCE, "CONFLICT", refusal + " but " + evidence.settlement().describe());
    log.warn("Payment {}: {} contradicts settlement evidence", request.operationId(), refusal);
    awaitOperator("contradicting evidence; waiting for resolve");
  }

  private void awaitOperator(String why) {
    // A wait entered from an operator's own confirmation (the ledger then refused it) needs a new
    // decision, made knowing why.
    core.review().forgetLastVerdict();
    core.enterManualReview(why);
    while (true) {
      core.review()
          .awaitVerdictOr(
              () -> ledgerConflict == null && (core.reconcileRequested() || evidence.settles()));
      Resolution verdict = core.review().takeVerdict();
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
      if (evidence.settles()) {
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
    return calls.lookup(chargeInput());
  }

  private void confirm(String paymentId, String why) {
    upstreamPaymentId = paymentId;
    try {
      calls.post(
          new PostingInput(
              upstreamKey,
              request.debitAccount(),
              request.creditAccount(),
              request.amount(),
              request.currency()),
          lean);
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

  private void markConfirmed(String why) {
    core.confirmed();
    log.info("Payment {} confirmed: {}", request.operationId(), why);
  }
}
