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
import java.util.List;
import org.slf4j.Logger;

/**
 * PENDING → CONFIRMED | FAILED | UNKNOWN; from UNKNOWN, by reconciliation, → CONFIRMED | FAILED |
 * MANUAL_REVIEW; from MANUAL_REVIEW, by an operator's resolve signal (or a lookup that finally finds
 * the payment), → CONFIRMED | FAILED.
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
  private final CallbackOutbox callback;

  @WorkflowInit
  public PaymentWorkflowImpl(PaymentRequest request) {
    this.request = request;
    this.createdAt = Workflow.currentTimeMillis();
    this.callback = new CallbackOutbox(request.callbackUrl());
  }

  @Override
  public PaymentState pay(PaymentRequest ignored) {
    ReconciliationPolicy policy =
        policies.reconciliationPolicy(new PolicyRequest(SettleNames.OPERATION_TYPE_PAYMENT));
    ChargeResult result = charge();
    switch (result.outcome()) {
      case APPLIED -> confirm(result.upstreamPaymentId(), "upstream applied the payment");
      case REJECTED -> fail(failureCodeOf(result), result.detail());
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
        callback.state());
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

  private ChargeResult charge() {
    executions++;
    ChargeInput input =
        new ChargeInput(
            request.operationId(),
            request.debitAccount(),
            request.creditAccount(),
            request.amount(),
            request.currency());
    ChargeResult result;
    try {
      result = upstream.charge(input);
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
      return new ChargeResult(Outcome.REJECTED, null, 0, "upstream unavailable: " + app.getOriginalMessage());
    }
    return new ChargeResult(Outcome.AMBIGUOUS, null, 0, "charge activity failed: " + failure.getMessage());
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
      case NOT_APPLIED -> fail(failureCodeOf(again[0]), again[0].detail());
      case PAST_HORIZON -> awaitOperator();
    }
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

  private void awaitOperator() {
    transition(OperationStatus.MANUAL_REVIEW);
    record(Step.MANUAL_REVIEW, "WAITING", "reconciliation horizon passed; waiting for resolve");
    log.warn("Payment {} needs manual review", request.operationId());
    while (true) {
      Workflow.await(() -> resolution != null || reconcileRequested);
      if (resolution != null) {
        if (resolution.status() == OperationStatus.CONFIRMED) {
          confirm(resolution.upstreamPaymentId(), "resolved by " + resolution.operator());
        } else {
          fail("operator-resolved", resolution.note());
        }
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
      result = upstream.lookup(new LookupInput(request.operationId()));
    } catch (ActivityFailure failure) {
      result = new LookupResult(LookupResult.Outcome.UNAVAILABLE, null, failure.getMessage());
    }
    record(Step.LOOKUP, result.outcome().name(), result.detail());
    return result;
  }

  private void confirm(String paymentId, String why) {
    upstreamPaymentId = paymentId;
    ledger.post(
        new PostingInput(
            request.operationId(),
            request.debitAccount(),
            request.creditAccount(),
            request.amount(),
            request.currency()));
    ledgerPosted = true;
    record(Step.LEDGER, "POSTED", "balanced pair for " + request.amount() + " " + request.currency());
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
    if (unknownSince != null && status == OperationStatus.UNKNOWN && next != OperationStatus.UNKNOWN) {
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
