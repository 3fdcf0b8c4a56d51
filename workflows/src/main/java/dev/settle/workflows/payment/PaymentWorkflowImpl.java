package dev.settle.workflows.payment;

import static dev.settle.workflows.operation.OperationSearchAttributes.OPERATION_STATUS;
import static dev.settle.workflows.operation.OperationSearchAttributes.UNKNOWN_SINCE;

import dev.settle.workflows.callback.CallbackOutbox;
import dev.settle.workflows.callback.Notification;
import dev.settle.workflows.ledger.LedgerActivities;
import dev.settle.workflows.ledger.PostingInput;
import dev.settle.workflows.operation.OperationMetrics;
import dev.settle.workflows.operation.OperationStatus;
import dev.settle.workflows.operation.SettleNames;
import dev.settle.workflows.operation.UpstreamKeys;
import dev.settle.workflows.payment.Attempt.Step;
import dev.settle.workflows.payment.ChargeResult.Outcome;
import dev.settle.workflows.reconciliation.PolicyActivities;
import dev.settle.workflows.reconciliation.PolicyActivities.PolicyRequest;
import dev.settle.workflows.reconciliation.Reconciler;
import dev.settle.workflows.reconciliation.ReconciliationPolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.WorkflowImpl;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;

/**
 * PENDING → CONFIRMED | FAILED | UNKNOWN; from UNKNOWN, by reconciliation, → CONFIRMED | FAILED |
 * MANUAL_REVIEW; from MANUAL_REVIEW, by an operator's resolve signal (or a lookup that finally
 * finds the payment), → CONFIRMED | FAILED. Settlement evidence (webhook, statement) that matches
 * the request settles UNKNOWN and MANUAL_REVIEW like a lookup that finds the payment.
 */
@WorkflowImpl(taskQueues = SettleNames.TASK_QUEUE)
public class PaymentWorkflowImpl implements PaymentWorkflow, Reconciler.Host {
  private static final Logger log = Workflow.getLogger(PaymentWorkflowImpl.class);

  private final PaymentActivities upstream =
      Workflow.newActivityStub(PaymentActivities.class, PaymentActivityOptions.UPSTREAM);
  private final LedgerActivities ledger =
      Workflow.newActivityStub(LedgerActivities.class, PaymentActivityOptions.LEDGER);
  private final PolicyActivities policies =
      Workflow.newLocalActivityStub(PolicyActivities.class, PaymentActivityOptions.POLICY);

  private final PaymentRequest request;
  private final long createdAt;
  private final List<Attempt> attempts = new ArrayList<>();
  private OperationStatus status = OperationStatus.PENDING;
  private String upstreamPaymentId;
  private String failureCode;
  private String failureDetail;
  private Long decidedAt;
  private Long unknownSince;
  private Long nextReconcileAt;
  private int executions;
  private boolean ledgerPosted;
  private Resolution resolution;
  private boolean reconcileRequested;

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

  private final CallbackOutbox callback;

  @WorkflowInit
  public PaymentWorkflowImpl(PaymentRequest request) {
    this.request = request;
    this.createdAt = Workflow.currentTimeMillis();
    this.callback = new CallbackOutbox(request.callbackUrl());
  }

  @Override
  public PaymentState pay(PaymentRequest ignored) {
    upstreamKey = UpstreamKeys.forThisRun(request.clientId(), request.idempotencyKey());
    ReconciliationPolicy policy =
        policies.reconciliationPolicy(new PolicyRequest(SettleNames.OPERATION_TYPE_PAYMENT));
    ChargeResult result = charge();
    switch (result.outcome()) {
      case APPLIED -> confirm(result.upstreamPaymentId(), "upstream applied the payment");
      case REJECTED -> {
        if (settlement != null) {
          conflict("the charge was refused (" + result.detail() + ")");
        } else {
          fail(failureCodeOf(result), result.detail());
        }
      }
      case AMBIGUOUS -> reconcileUntilKnown(policy);
    }
    // Final now (queries and awaitDecision answer it); the run stays open while the callback is
    // delivered.
    callback.deliver(notification(), policies, SettleNames.OPERATION_TYPE_PAYMENT);
    // Let callers attached through awaitDecision receive the final state before the run closes.
    Workflow.await(Workflow::isEveryHandlerFinished);
    return state();
  }

  @Override
  public PaymentState state() {
    return new PaymentState(
        request.operationId(),
        request.clientId(),
        request.idempotencyKey(),
        status,
        request.fingerprint(),
        request.debitAccount(),
        request.creditAccount(),
        request.amount(),
        request.currency(),
        upstreamPaymentId,
        failureCode,
        failureDetail,
        instant(createdAt),
        instant(decidedAt),
        instant(unknownSince),
        instant(nextReconcileAt),
        executions,
        ledgerPosted,
        resolution,
        List.copyOf(attempts),
        request.requestId(),
        callback.state(),
        upstreamKey);
  }

  @Override
  public void redeliverCallback() {
    callback.redeliver();
  }

  private Notification notification() {
    return new Notification(
        request.callbackUrl(),
        request.idempotencyKey(),
        SettleNames.OPERATION_TYPE_PAYMENT,
        status.name(),
        request.amount(),
        request.currency(),
        instant(decidedAt),
        0);
  }

  @Override
  public void reconcile() {
    record(Step.RECONCILE_SIGNAL, "RECEIVED", "status " + status);
    reconcileRequested = true;
  }

  @Override
  public void resolve(Resolution resolution) {
    if (status != OperationStatus.MANUAL_REVIEW || this.resolution != null) {
      record(Step.RESOLVE_SIGNAL, "IGNORED", "status is " + status + ", not MANUAL_REVIEW");
      return;
    }
    if (resolution == null || !resolution.acceptable()) {
      record(Step.RESOLVE_SIGNAL, "IGNORED", "needs status CONFIRMED or FAILED and an operator");
      return;
    }
    record(Step.RESOLVE_SIGNAL, "ACCEPTED", resolution.operator() + ": " + resolution.status());
    this.resolution = resolution;
  }

  @Override
  public void evidence(Evidence evidence) {
    if (evidence == null || !evidence.complete()) {
      record(Step.EVIDENCE, "IGNORED", "incomplete evidence: " + evidence);
      return;
    }
    if (!evidenceFacts.add(evidence.fact())) {
      return;
    }
    String what = evidence.describe();
    if (!evidence.aboutKey(upstreamKey)) {
      // The same workflow ID, an earlier run's key: about an operation this run never sent.
      record(
          Step.EVIDENCE,
          "IGNORED",
          what
              + "; reported under "
              + evidence.upstreamKey()
              + ", an earlier run's key, not this run's "
              + upstreamKey);
    } else if (status.isFinal()) {
      record(Step.EVIDENCE, "IGNORED", what + "; the payment is already " + status);
    } else if (!evidence.settled()) {
      record(Step.EVIDENCE, "IGNORED", what + "; only " + Evidence.SETTLED + " settles a payment");
    } else if (!evidence.matches(request.amount(), request.currency())) {
      // The same key settled for other money: never a confirmation of this request.
      record(
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
      record(Step.EVIDENCE, "NOTED", what);
    } else {
      settlement = evidence;
      record(
          Step.EVIDENCE,
          "ACCEPTED",
          status == OperationStatus.PENDING
              ? what + "; acted on once the charge in flight returns"
              : what);
    }
  }

  @Override
  public PaymentState awaitDecision(DecisionWait wait) {
    if (wait.budgetMillis() > 0) {
      Workflow.await(Duration.ofMillis(wait.budgetMillis()), () -> status.isFinal());
    }
    return state();
  }

  @Override
  public void validateAwaitDecision(DecisionWait wait) {
    if (wait == null || !request.fingerprint().equals(wait.fingerprint())) {
      // Validator failures reach the client with a generic failure type, so the stable marker
      // travels at the start of the message.
      throw ApplicationFailure.newNonRetryableFailure(
          SettleNames.FINGERPRINT_MISMATCH
              + ": idempotency key "
              + request.idempotencyKey()
              + " was first used with another payload",
          SettleNames.FINGERPRINT_MISMATCH);
    }
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
    record(Step.CHARGE, result.outcome().name(), result.detail());
    return result;
  }

  /**
   * The activity gave up. If every try was definitely not executed, nothing happened upstream; if
   * the last try timed out (worker lost, call hung), the upstream may have acted.
   */
  private static ChargeResult classifyExhausted(ActivityFailure failure) {
    if (failure.getCause() instanceof ApplicationFailure app
        && PaymentActivities.UPSTREAM_UNAVAILABLE.equals(app.getType())) {
      return new ChargeResult(
          Outcome.REJECTED, null, 0, "upstream unavailable: " + app.getOriginalMessage());
    }
    return new ChargeResult(
        Outcome.AMBIGUOUS, null, 0, "charge activity failed: " + failure.getMessage());
  }

  private static String failureCodeOf(ChargeResult result) {
    return result.httpStatus() == 0 ? "upstream-unavailable" : "upstream-rejected";
  }

  private void reconcileUntilKnown(ReconciliationPolicy policy) {
    unknownSince = Workflow.currentTimeMillis();
    transition(OperationStatus.UNKNOWN);
    Workflow.upsertTypedSearchAttributes(UNKNOWN_SINCE.valueSet(offsetDateTime(unknownSince)));
    // The evidence that settles it: the lookup that found it, or the re-execution's answer.
    LookupResult[] found = new LookupResult[1];
    ChargeResult[] again = new ChargeResult[1];
    Reconciler.Verdict verdict =
        new Reconciler(policy, this)
            .untilKnown(
                unknownSince,
                () -> {
                  found[0] = lookup();
                  return Reconciler.Lookup.valueOf(found[0].outcome().name());
                },
                () -> {
                  again[0] = charge();
                  return Reconciler.Execution.valueOf(again[0].outcome().name());
                });
    switch (verdict) {
      case APPLIED -> {
        if (again[0] != null && again[0].outcome() == Outcome.APPLIED) {
          confirm(again[0].upstreamPaymentId(), "re-executed after not found");
        } else {
          confirm(found[0].upstreamPaymentId(), "found by reconciliation");
        }
      }
      case NOT_APPLIED -> {
        if (settlement != null) {
          conflict("the re-execution was refused (" + again[0].detail() + ")");
        } else {
          fail(failureCodeOf(again[0]), again[0].detail());
        }
      }
      case PAST_HORIZON -> awaitOperator("reconciliation horizon passed; waiting for resolve");
      case SETTLED_ELSEWHERE -> confirmBySettlement();
      case CONTRADICTED ->
          awaitOperator(
              "the lookup found another payment under the key ("
                  + found[0].detail()
                  + "); waiting for resolve");
    }
  }

  @Override
  public boolean settledElsewhere() {
    return evidenceMaySettle && settlement != null;
  }

  private void confirmBySettlement() {
    record(Step.EVIDENCE, "SETTLED", "confirmed by " + settlement.describe());
    confirm(settlement.upstreamPaymentId(), "settled by " + settlement.source() + " evidence");
  }

  /**
   * The upstream refused the charge, yet says elsewhere that it settled it. Neither is trusted over
   * the other: an operator decides, and evidence no longer settles it by itself.
   */
  private void conflict(String refusal) {
    evidenceMaySettle = false;
    record(Step.EVIDENCE, "CONFLICT", refusal + " but " + settlement.describe());
    log.warn("Payment {}: {} contradicts settlement evidence", request.operationId(), refusal);
    awaitOperator("contradicting evidence; waiting for resolve");
  }

  @Override
  public boolean reconcileRequested() {
    return reconcileRequested;
  }

  @Override
  public void clearReconcileRequest() {
    reconcileRequested = false;
  }

  @Override
  public void nextAttemptAt(Long epochMillis) {
    nextReconcileAt = epochMillis;
  }

  private void awaitOperator(String why) {
    // A wait entered from an operator's own confirmation (the ledger then refused it) needs a new
    // decision, made knowing why.
    resolution = null;
    transition(OperationStatus.MANUAL_REVIEW);
    record(Step.MANUAL_REVIEW, "WAITING", why);
    log.warn("Payment {} needs manual review: {}", request.operationId(), why);
    while (true) {
      Workflow.await(
          () ->
              resolution != null
                  || (ledgerConflict == null && (reconcileRequested || settledElsewhere())));
      if (resolution != null) {
        if (resolution.status() == OperationStatus.CONFIRMED && ledgerConflict != null) {
          upstreamPaymentId = resolution.upstreamPaymentId();
          record(
              Step.LEDGER,
              "NOT_POSTED",
              "left to " + resolution.operator() + ": " + ledgerConflict);
          markConfirmed("resolved by " + resolution.operator());
        } else if (resolution.status() == OperationStatus.CONFIRMED) {
          confirm(resolution.upstreamPaymentId(), "resolved by " + resolution.operator());
        } else {
          fail("operator-resolved", resolution.note());
        }
        return;
      }
      if (settledElsewhere()) {
        confirmBySettlement();
        return;
      }
      reconcileRequested = false;
      LookupResult lookup = lookup();
      if (lookup.outcome() == LookupResult.Outcome.FOUND) {
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
      result = new LookupResult(LookupResult.Outcome.UNAVAILABLE, null, failure.getMessage());
    }
    record(Step.LOOKUP, result.outcome().name(), result.detail());
    return result;
  }

  private void confirm(String paymentId, String why) {
    upstreamPaymentId = paymentId;
    try {
      ledger.post(
          new PostingInput(
              upstreamKey,
              request.debitAccount(),
              request.creditAccount(),
              request.amount(),
              request.currency()));
    } catch (ActivityFailure failure) {
      ledgerConflict = LedgerActivities.conflictIn(failure);
      record(Step.LEDGER, "CONFLICT", ledgerConflict);
      awaitOperator("the ledger refused the posting: " + ledgerConflict);
      return;
    }
    ledgerPosted = true;
    record(
        Step.LEDGER, "POSTED", "balanced pair for " + request.amount() + " " + request.currency());
    markConfirmed(why);
  }

  private void markConfirmed(String why) {
    decidedAt = Workflow.currentTimeMillis();
    failureCode = null;
    failureDetail = null;
    transition(OperationStatus.CONFIRMED);
    log.info("Payment {} confirmed: {}", request.operationId(), why);
  }

  private void fail(String code, String detail) {
    failureCode = code;
    failureDetail = detail;
    decidedAt = Workflow.currentTimeMillis();
    transition(OperationStatus.FAILED);
  }

  private void transition(OperationStatus next) {
    if (unknownSince != null
        && status == OperationStatus.UNKNOWN
        && next != OperationStatus.UNKNOWN) {
      OperationMetrics.reconciled(SettleNames.OPERATION_TYPE_PAYMENT, unknownSince, next.name());
    }
    if (next.isFinal()) {
      OperationMetrics.completed(SettleNames.OPERATION_TYPE_PAYMENT, next);
    }
    status = next;
    Workflow.upsertTypedSearchAttributes(OPERATION_STATUS.valueSet(next.name()));
  }

  private void record(Step step, String outcome, String detail) {
    attempts.add(new Attempt(instant(Workflow.currentTimeMillis()), step, outcome, detail));
  }

  private static Instant instant(Long epochMillis) {
    return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
  }

  private static OffsetDateTime offsetDateTime(long epochMillis) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
  }
}
