package dev.settle.workflows.order;

import static dev.settle.workflows.operation.OperationSearchAttributes.OPERATION_STATUS;
import static dev.settle.workflows.operation.OperationSearchAttributes.UNKNOWN_SINCE;

import dev.settle.workflows.callback.CallbackOutbox;
import dev.settle.workflows.callback.Notification;
import dev.settle.workflows.ledger.LedgerActivities;
import dev.settle.workflows.ledger.LedgerActivities.ReversalInput;
import dev.settle.workflows.ledger.PostingInput;
import dev.settle.workflows.operation.OperationMetrics;
import dev.settle.workflows.operation.OperationStatus;
import dev.settle.workflows.operation.SettleNames;
import dev.settle.workflows.operation.UpstreamKeys;
import dev.settle.workflows.order.SagaStep.Compensation;
import dev.settle.workflows.order.SagaStep.Name;
import dev.settle.workflows.order.SagaStep.Outcome;
import dev.settle.workflows.payment.Attempt;
import dev.settle.workflows.payment.Attempt.Step;
import dev.settle.workflows.payment.ChargeInput;
import dev.settle.workflows.payment.ChargeResult;
import dev.settle.workflows.payment.DecisionWait;
import dev.settle.workflows.payment.LookupInput;
import dev.settle.workflows.payment.LookupResult;
import dev.settle.workflows.payment.PaymentActivities;
import dev.settle.workflows.payment.PaymentActivityOptions;
import dev.settle.workflows.payment.Resolution;
import dev.settle.workflows.reconciliation.PolicyActivities;
import dev.settle.workflows.reconciliation.PolicyActivities.PolicyRequest;
import dev.settle.workflows.reconciliation.Reconciler;
import dev.settle.workflows.reconciliation.ReconciliationPolicy;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
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
 * The order saga. Each compensation is registered before its step runs, so a step that ends
 * ambiguous is compensated too if the saga unwinds; a step whose outcome is unknown is reconciled
 * (the same loop as payments) before the saga decides to go on or to unwind.
 */
@WorkflowImpl(taskQueues = SettleNames.TASK_QUEUE)
public class OrderWorkflowImpl implements OrderWorkflow, Reconciler.Host {
  private static final Logger log = Workflow.getLogger(OrderWorkflowImpl.class);

  private final PaymentActivities payments =
      Workflow.newActivityStub(PaymentActivities.class, PaymentActivityOptions.UPSTREAM);
  private final OrderActivities upstream =
      Workflow.newActivityStub(OrderActivities.class, PaymentActivityOptions.UPSTREAM);
  private final LedgerActivities ledger =
      Workflow.newActivityStub(LedgerActivities.class, PaymentActivityOptions.LEDGER);
  private final PolicyActivities policies =
      Workflow.newLocalActivityStub(PolicyActivities.class, PaymentActivityOptions.POLICY);

  private final OrderRequest request;

  /** What every step sends upstream, under this run's key; set when the run starts. */
  private StepInput input;

  private final long createdAt;
  private final List<SagaStep> steps = new ArrayList<>();
  private final List<Attempt> attempts = new ArrayList<>();
  private OperationStatus status = OperationStatus.PENDING;
  private boolean compensating;
  private String failureCode;
  private String failureDetail;
  private Long decidedAt;
  private Long unknownSince;
  private Long nextReconcileAt;
  private boolean ledgerPosted;
  private boolean ledgerReversed;

  /** An operator's verdict not yet acted on. */
  private Resolution resolution;

  /** The last verdict acted on, for the status. */
  private Resolution lastResolution;

  private boolean reconcileRequested;
  private OrderActivities compensations;
  private final CallbackOutbox callback;

  @WorkflowInit
  public OrderWorkflowImpl(OrderRequest request) {
    this.request = request;
    this.callback = new CallbackOutbox(request.callbackUrl());
    this.createdAt = Workflow.currentTimeMillis();
    for (Name name : Name.values()) {
      steps.add(new SagaStep(name, Outcome.PENDING, null, Compensation.NONE, null));
    }
  }

  @Override
  public OrderState order(OrderRequest ignored) {
    input =
        new StepInput(
            UpstreamKeys.forThisRun(request.clientId(), request.idempotencyKey()),
            request.customerAccount(),
            request.items(),
            request.amount(),
            request.currency());
    ReconciliationPolicy policy =
        policies.reconciliationPolicy(new PolicyRequest(SettleNames.OPERATION_TYPE_ORDER));
    compensations = compensationStub(policy);
    List<Name> registered = new ArrayList<>();
    for (Name step : Name.values()) {
      registered.add(step); // registered before the call: an ambiguous step is compensated too
      Outcome outcome = runStep(step, policy);
      if (outcome != Outcome.APPLIED) {
        unwind(registered);
        finish(OperationStatus.FAILED);
        return done();
      }
      if (step == Name.PAYMENT && !postLedger()) {
        unwind(registered);
        finish(OperationStatus.FAILED);
        return done();
      }
    }
    finish(OperationStatus.CONFIRMED);
    return done();
  }

  private OrderState done() {
    // Final now (queries and awaitDecision answer it); the run stays open while the callback is
    // delivered.
    callback.deliver(notification(), policies, SettleNames.OPERATION_TYPE_ORDER);
    Workflow.await(Workflow::isEveryHandlerFinished);
    return state();
  }

  /** Runs one step to a known outcome: APPLIED or NOT_APPLIED. */
  private Outcome runStep(Name step, ReconciliationPolicy policy) {
    StepResult result = execute(step);
    if (result.outcome() == StepResult.Outcome.APPLIED) {
      return mark(step, Outcome.APPLIED, result.reference(), result.detail());
    }
    if (result.outcome() == StepResult.Outcome.REJECTED) {
      failureCode = failureCodeOf(step, result);
      failureDetail = result.detail();
      return mark(step, Outcome.NOT_APPLIED, null, result.detail());
    }
    mark(step, Outcome.UNKNOWN, null, result.detail());
    unknownSince = Workflow.currentTimeMillis();
    transition(OperationStatus.UNKNOWN);
    Workflow.upsertTypedSearchAttributes(UNKNOWN_SINCE.valueSet(offsetDateTime(unknownSince)));
    StepLookup[] found = new StepLookup[1];
    StepResult[] again = new StepResult[1];
    Reconciler.Verdict verdict =
        new Reconciler(policy, this)
            .untilKnown(
                unknownSince,
                () -> {
                  found[0] = lookup(step);
                  return Reconciler.Lookup.valueOf(found[0].outcome().name());
                },
                () -> {
                  again[0] = execute(step);
                  return Reconciler.Execution.valueOf(again[0].outcome().name());
                });
    transition(OperationStatus.PENDING);
    switch (verdict) {
      case APPLIED -> {
        boolean reExecuted = again[0] != null && again[0].outcome() == StepResult.Outcome.APPLIED;
        String reference = reExecuted ? again[0].reference() : found[0].reference();
        return mark(
            step,
            Outcome.APPLIED,
            reference,
            reExecuted ? "re-executed after not found" : "found by reconciliation");
      }
      case NOT_APPLIED -> {
        failureCode = failureCodeOf(step, again[0]);
        failureDetail = again[0].detail();
        return mark(step, Outcome.NOT_APPLIED, null, again[0].detail());
      }
      case CONTRADICTED -> {
        return awaitVerdictOnStep(step, "found something else under its key: " + found[0].detail());
      }
      default -> {
        return awaitVerdictOnStep(step, "still unknown past the horizon");
      }
    }
  }

  /** Reconciliation gave up on a step: an operator says whether it applied. */
  private Outcome awaitVerdictOnStep(Name step, String why) {
    Resolution verdict = awaitOperator("step " + step + " " + why);
    if (verdict.status() == OperationStatus.CONFIRMED) {
      return mark(
          step, Outcome.APPLIED, verdict.upstreamPaymentId(), "resolved by " + verdict.operator());
    }
    failureCode = "operator-resolved";
    failureDetail = verdict.note();
    // An operator's word is not proof: the step stays UNKNOWN, so unwinding still compensates it
    // (a compensation with nothing to undo is harmless).
    mark(step, Outcome.UNKNOWN, null, "resolved FAILED by " + verdict.operator());
    return Outcome.NOT_APPLIED;
  }

  /** Compensates every registered step in reverse; a step that never applied needs nothing. */
  private void unwind(List<Name> registered) {
    compensating = true;
    for (int i = registered.size() - 1; i >= 0; i--) {
      Name step = registered.get(i);
      if (step(step).outcome() == Outcome.NOT_APPLIED) {
        set(step, step(step).with(Compensation.NOT_NEEDED, step(step).detail()));
        continue;
      }
      compensate(step);
    }
  }

  private void compensate(Name step) {
    while (true) {
      set(step, step(step).with(Compensation.RUNNING, step(step).detail()));
      try {
        CompensationResult result = callCompensation(step);
        record(
            Step.COMPENSATION,
            result.undone() ? "DONE" : "NOT_NEEDED",
            step + ": " + result.detail());
        OperationMetrics.compensation(step.name(), result.undone() ? "DONE" : "NOT_NEEDED");
        set(
            step,
            step(step)
                .with(
                    result.undone() ? Compensation.DONE : Compensation.NOT_NEEDED,
                    result.detail()));
        if (step == Name.PAYMENT && result.undone() && ledgerPosted) {
          ledger.reverse(new ReversalInput(input.idempotencyKey(), "payment refunded by saga"));
          ledgerReversed = true;
          record(
              Step.LEDGER,
              "REVERSED",
              "reversal pair for " + request.amount() + " " + request.currency());
        }
        return;
      } catch (ActivityFailure stuck) {
        set(step, step(step).with(Compensation.STUCK, stuck.getMessage()));
        record(Step.COMPENSATION, "STUCK", step + ": " + stuck.getMessage());
        OperationMetrics.compensation(step.name(), "STUCK");
        Resolution verdict = awaitOperatorOrRetry("compensation of " + step + " keeps failing");
        if (verdict != null) {
          set(step, step(step).with(Compensation.DONE, "undone by hand: " + verdict.operator()));
          return;
        }
      }
    }
  }

  private CompensationResult callCompensation(Name step) {
    return switch (step) {
      case ORDER -> compensations.cancelOrder(input);
      case STOCK -> compensations.releaseStock(input);
      case PAYMENT -> compensations.refundPayment(input);
    };
  }

  private StepResult execute(Name step) {
    StepResult result;
    try {
      result =
          switch (step) {
            case ORDER -> upstream.createOrder(input);
            case STOCK -> upstream.reserveStock(input);
            case PAYMENT -> fromCharge(payments.charge(chargeInput()));
          };
    } catch (ActivityFailure failure) {
      result = exhausted(failure);
    }
    record(stepKind(step), result.outcome().name(), step + ": " + result.detail());
    return result;
  }

  private StepLookup lookup(Name step) {
    StepLookup result;
    try {
      result =
          switch (step) {
            case ORDER -> upstream.lookupOrder(input);
            case STOCK -> upstream.lookupReservation(input);
            case PAYMENT -> fromLookup(payments.lookup(LookupInput.of(chargeInput())));
          };
    } catch (ActivityFailure failure) {
      result = new StepLookup(StepLookup.Outcome.UNAVAILABLE, null, failure.getMessage());
    }
    record(Step.LOOKUP, result.outcome().name(), step + ": " + result.detail());
    return result;
  }

  private ChargeInput chargeInput() {
    return new ChargeInput(
        input.idempotencyKey(),
        request.customerAccount(),
        request.merchantAccount(),
        request.amount(),
        request.currency());
  }

  /**
   * Posts the charge. False when the ledger refused it as another posting under the same reference
   * and an operator then failed the order.
   */
  private boolean postLedger() {
    try {
      ledger.post(
          new PostingInput(
              input.idempotencyKey(),
              request.customerAccount(),
              request.merchantAccount(),
              request.amount(),
              request.currency()));
    } catch (ActivityFailure failure) {
      String conflict = LedgerActivities.conflictIn(failure);
      record(Step.LEDGER, "CONFLICT", conflict);
      Resolution verdict = awaitOperator("the ledger refused the posting: " + conflict);
      if (verdict.status() == OperationStatus.CONFIRMED) {
        record(Step.LEDGER, "NOT_POSTED", "left to " + verdict.operator());
        return true;
      }
      failureCode = "operator-resolved";
      failureDetail = verdict.note();
      return false;
    }
    ledgerPosted = true;
    record(
        Step.LEDGER, "POSTED", "balanced pair for " + request.amount() + " " + request.currency());
    return true;
  }

  /** MANUAL_REVIEW until an operator resolves; returns the accepted resolution. */
  private Resolution awaitOperator(String why) {
    Resolution verdict;
    do {
      verdict = awaitOperatorOrRetry(why);
    } while (verdict == null);
    return verdict;
  }

  /** MANUAL_REVIEW until an operator resolves (returned) or asks to try again (null). */
  private Resolution awaitOperatorOrRetry(String why) {
    OperationStatus before = status;
    transition(OperationStatus.MANUAL_REVIEW);
    record(Step.MANUAL_REVIEW, "WAITING", why);
    log.warn("Order {} needs manual review: {}", request.operationId(), why);
    Workflow.await(() -> resolution != null || reconcileRequested);
    reconcileRequested = false;
    Resolution verdict = resolution;
    if (verdict != null) {
      lastResolution = verdict;
    }
    resolution = null;
    transition(before);
    return verdict;
  }

  private OrderActivities compensationStub(ReconciliationPolicy policy) {
    Duration horizon =
        policy.compensationHorizon() == null ? Duration.ofHours(1) : policy.compensationHorizon();
    return Workflow.newActivityStub(
        OrderActivities.class,
        ActivityOptions.newBuilder(PaymentActivityOptions.UPSTREAM)
            .setScheduleToCloseTimeout(horizon)
            .setRetryOptions(
                RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(1))
                    .setBackoffCoefficient(2.0)
                    .setMaximumInterval(Duration.ofSeconds(30))
                    .build())
            .build());
  }

  private void finish(OperationStatus outcome) {
    decidedAt = Workflow.currentTimeMillis();
    if (outcome == OperationStatus.CONFIRMED) {
      failureCode = null;
      failureDetail = null;
    }
    transition(outcome);
  }

  @Override
  public OrderState state() {
    return new OrderState(
        request.operationId(),
        request.clientId(),
        request.idempotencyKey(),
        status,
        request.fingerprint(),
        request.customerAccount(),
        request.merchantAccount(),
        request.items(),
        request.amount(),
        request.currency(),
        List.copyOf(steps),
        compensating,
        failureCode,
        failureDetail,
        instant(createdAt),
        instant(decidedAt),
        instant(unknownSince),
        instant(nextReconcileAt),
        ledgerPosted,
        ledgerReversed,
        lastResolution,
        List.copyOf(attempts),
        request.requestId(),
        callback.state(),
        input == null ? null : input.idempotencyKey());
  }

  @Override
  public void redeliverCallback() {
    callback.redeliver();
  }

  private Notification notification() {
    return new Notification(
        request.callbackUrl(),
        request.idempotencyKey(),
        SettleNames.OPERATION_TYPE_ORDER,
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
  public OrderState awaitDecision(DecisionWait wait) {
    if (wait.budgetMillis() > 0) {
      Workflow.await(Duration.ofMillis(wait.budgetMillis()), () -> status.isFinal());
    }
    return state();
  }

  @Override
  public void validateAwaitDecision(DecisionWait wait) {
    if (wait == null || !request.fingerprint().equals(wait.fingerprint())) {
      throw ApplicationFailure.newNonRetryableFailure(
          SettleNames.FINGERPRINT_MISMATCH
              + ": idempotency key "
              + request.idempotencyKey()
              + " was first used with another payload",
          SettleNames.FINGERPRINT_MISMATCH);
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

  private static StepResult fromCharge(ChargeResult charge) {
    return new StepResult(
        StepResult.Outcome.valueOf(charge.outcome().name()),
        charge.upstreamPaymentId(),
        charge.httpStatus(),
        charge.detail());
  }

  private static StepLookup fromLookup(LookupResult lookup) {
    return new StepLookup(
        StepLookup.Outcome.valueOf(lookup.outcome().name()),
        lookup.upstreamPaymentId(),
        lookup.detail());
  }

  /**
   * Every try was definitely not executed (not applied), or the last one may have been (unknown).
   */
  private static StepResult exhausted(ActivityFailure failure) {
    if (failure.getCause() instanceof ApplicationFailure app
        && PaymentActivities.UPSTREAM_UNAVAILABLE.equals(app.getType())) {
      return new StepResult(
          StepResult.Outcome.REJECTED,
          null,
          0,
          "upstream unavailable: " + app.getOriginalMessage());
    }
    return new StepResult(
        StepResult.Outcome.AMBIGUOUS, null, 0, "step activity failed: " + failure.getMessage());
  }

  private static String failureCodeOf(Name step, StepResult result) {
    if (result.httpStatus() == 0) {
      return step.name().toLowerCase() + "-upstream-unavailable";
    }
    return switch (step) {
      case ORDER -> "order-rejected";
      case STOCK -> result.httpStatus() == 409 ? "stock-insufficient" : "stock-rejected";
      case PAYMENT -> "payment-rejected";
    };
  }

  private static Step stepKind(Name step) {
    return switch (step) {
      case ORDER -> Step.ORDER;
      case STOCK -> Step.STOCK;
      case PAYMENT -> Step.CHARGE;
    };
  }

  private Outcome mark(Name step, Outcome outcome, String reference, String detail) {
    set(step, step(step).with(outcome, reference, detail));
    return outcome;
  }

  private SagaStep step(Name name) {
    return steps.get(name.ordinal());
  }

  private void set(Name name, SagaStep value) {
    steps.set(name.ordinal(), value);
  }

  private void transition(OperationStatus next) {
    if (unknownSince != null
        && status == OperationStatus.UNKNOWN
        && next != OperationStatus.UNKNOWN) {
      OperationMetrics.reconciled(SettleNames.OPERATION_TYPE_ORDER, unknownSince, next.name());
    }
    if (next.isFinal()) {
      OperationMetrics.completed(SettleNames.OPERATION_TYPE_ORDER, next);
    }
    if (status != next) {
      status = next;
      Workflow.upsertTypedSearchAttributes(OPERATION_STATUS.valueSet(next.name()));
    }
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
