package dev.settle.workflows.order;

import dev.settle.workflows.ledger.LedgerActivities;
import dev.settle.workflows.ledger.LedgerActivities.ReversalInput;
import dev.settle.workflows.ledger.PostingInput;
import dev.settle.workflows.operation.Attempt.Step;
import dev.settle.workflows.operation.ExecutionOutcome;
import dev.settle.workflows.operation.LookupOutcome;
import dev.settle.workflows.operation.OperationCore;
import dev.settle.workflows.operation.OperationHandlers;
import dev.settle.workflows.operation.OperationStatus;
import dev.settle.workflows.operation.Resolution;
import dev.settle.workflows.operation.SettleNames;
import dev.settle.workflows.order.SagaStep.Name;
import dev.settle.workflows.order.SagaStep.Outcome;
import dev.settle.workflows.payment.PaymentActivities;
import dev.settle.workflows.payment.PaymentActivityOptions;
import dev.settle.workflows.reconciliation.PolicyActivities;
import dev.settle.workflows.reconciliation.PolicyActivities.PolicyRequest;
import dev.settle.workflows.reconciliation.Reconciler;
import dev.settle.workflows.reconciliation.ReconciliationPolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.spring.boot.WorkflowImpl;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.ArrayList;
import java.util.List;

/**
 * The order saga: create order → reserve stock → charge payment, each an {@link UpstreamStep}. Each
 * compensation is registered before its step runs, so a step that ends ambiguous is compensated too
 * if the saga unwinds; a step whose outcome is unknown is reconciled by the operation core before
 * the saga decides to go on or to unwind. What every operation shares is in {@link OperationCore}.
 */
@WorkflowImpl(taskQueues = SettleNames.TASK_QUEUE)
public class OrderWorkflowImpl extends OperationHandlers<OrderState> implements OrderWorkflow {
  /** A reconcile signal in MANUAL_REVIEW looks the unknown step up, as it does for payments. */
  static final String MANUAL_REVIEW_LOOKUP = "order-manual-review-lookup";

  private final LedgerActivities ledger =
      Workflow.newActivityStub(LedgerActivities.class, PaymentActivityOptions.LEDGER);
  private final PolicyActivities policies =
      Workflow.newLocalActivityStub(PolicyActivities.class, PaymentActivityOptions.POLICY);

  private final OrderRequest request;
  private final OrderPlan plan;
  private final SagaRunner saga;
  private boolean ledgerPosted;
  private boolean ledgerReversed;

  /** The upstream's reference in the last lookup's answer. */
  private String lastLookupReference;

  @WorkflowInit
  public OrderWorkflowImpl(OrderRequest request) {
    super(new OperationCore(request.identity(), null));
    this.request = request;
    this.plan = new OrderPlan(request);
    this.saga = new SagaRunner(plan.steps(), core);
  }

  @Override
  public OrderState order(OrderRequest ignored) {
    ReconciliationPolicy policy =
        plan.start(
            () ->
                policies.reconciliationPolicy(new PolicyRequest(SettleNames.OPERATION_TYPE_ORDER)));
    List<UpstreamStep> registered = new ArrayList<>();
    for (UpstreamStep step : plan.steps()) {
      registered.add(step); // registered before the call: an ambiguous step is compensated too
      boolean applied = runStep(step, policy) == Outcome.APPLIED;
      if (!applied || (step.name() == Name.PAYMENT && !postLedger())) {
        saga.unwind(registered, this::awaitOperatorOrRetry, this::undoLedgerOf);
        finish(OperationStatus.FAILED);
        return done();
      }
    }
    finish(OperationStatus.CONFIRMED);
    return done();
  }

  private OrderState done() {
    core.finish(policies);
    return state();
  }

  /** Runs one step to a known outcome: APPLIED or NOT_APPLIED. */
  private Outcome runStep(UpstreamStep step, ReconciliationPolicy policy) {
    StepResult result = execute(step);
    if (result.outcome() == ExecutionOutcome.APPLIED) {
      return mark(step, Outcome.APPLIED, result.reference(), result.detail());
    }
    if (result.outcome() == ExecutionOutcome.REJECTED) {
      core.failure(step.failureCode(result), result.detail());
      return mark(step, Outcome.NOT_APPLIED, null, result.detail());
    }
    if (result.outcome() == ExecutionOutcome.MISCONFIGURED) {
      return awaitVerdictOnStep(step, "refused as misconfigured until the horizon");
    }
    mark(step, Outcome.UNKNOWN, null, result.detail());
    Reconciler.Settled<StepLookup, StepResult> settled =
        core.reconcile(policy, null, () -> lookup(step), () -> execute(step));
    core.transition(OperationStatus.PENDING);
    return switch (settled.verdict()) {
      case APPLIED ->
          mark(
              step,
              Outcome.APPLIED,
              settled.reference(),
              settled.reExecuted() ? "re-executed after not found" : "found by reconciliation");
      case NOT_APPLIED -> {
        core.failure(step.failureCode(settled.execution()), settled.execution().detail());
        yield mark(step, Outcome.NOT_APPLIED, null, settled.execution().detail());
      }
      case CONTRADICTED ->
          awaitVerdictOnStep(
              step, "found something else under its key: " + settled.lookup().detail());
      case MISCONFIGURED ->
          awaitVerdictOnStep(step, "re-execution refused as misconfigured until the horizon");
      case HISTORY_FULL ->
          // A saga's run does not continue as new mid-step: past this many events an operator
          // decides, as past the horizon.
          awaitVerdictOnStep(
              step, "still unknown after " + Workflow.getInfo().getHistoryLength() + " events");
      default -> awaitVerdictOnStep(step, "still unknown past the horizon");
    };
  }

  /**
   * Reconciliation gave up on a step: an operator says whether it applied, or a reconcile signal
   * looks it up again and finds it.
   */
  private Outcome awaitVerdictOnStep(UpstreamStep step, String why) {
    Resolution verdict;
    while ((verdict = awaitOperatorOrRetry("step " + step + " " + why)) == null) {
      if (Workflow.getVersion(MANUAL_REVIEW_LOOKUP, Workflow.DEFAULT_VERSION, 1) == 1
          && lookup(step).outcome() == LookupOutcome.FOUND) {
        return mark(
            step,
            Outcome.APPLIED,
            lastLookupReference,
            "found by a forced lookup during manual review");
      }
    }
    if (verdict.status() == OperationStatus.CONFIRMED) {
      return mark(
          step, Outcome.APPLIED, verdict.upstreamPaymentId(), "resolved by " + verdict.operator());
    }
    core.failure("operator-resolved", verdict.note());
    // An operator's word is not proof: the step stays UNKNOWN, so unwinding still compensates it
    // (a compensation with nothing to undo is harmless).
    mark(step, Outcome.UNKNOWN, null, "resolved FAILED by " + verdict.operator());
    return Outcome.NOT_APPLIED;
  }

  /** A refunded payment's posting is reversed, never deleted: the ledger is append-only. */
  private void undoLedgerOf(UpstreamStep step) {
    if (step.name() == Name.PAYMENT && ledgerPosted) {
      ledger.reverse(new ReversalInput(plan.upstreamKey(), "payment refunded by saga"));
      ledgerReversed = true;
      core.record(
          Step.LEDGER,
          "REVERSED",
          "reversal pair for " + request.amount() + " " + request.currency());
    }
  }

  private StepResult execute(UpstreamStep step) {
    StepResult result;
    try {
      result = step.execute().get();
    } catch (ActivityFailure failure) {
      result = exhausted(failure);
    }
    core.record(step.kind(), result.outcome().name(), step + ": " + result.detail());
    return result;
  }

  private StepLookup lookup(UpstreamStep step) {
    StepLookup result;
    try {
      result = step.lookup().get();
    } catch (ActivityFailure failure) {
      result = new StepLookup(LookupOutcome.UNAVAILABLE, null, failure.getMessage());
    }
    core.record(Step.LOOKUP, result.outcome().name(), step + ": " + result.detail());
    lastLookupReference = result.reference();
    return result;
  }

  /**
   * Posts the charge. False when the ledger refused it as another posting under the same reference
   * and an operator then failed the order.
   */
  private boolean postLedger() {
    try {
      ledger.post(
          new PostingInput(
              plan.upstreamKey(),
              request.customerAccount(),
              request.merchantAccount(),
              request.amount(),
              request.currency()));
    } catch (ActivityFailure failure) {
      String conflict = LedgerActivities.conflictIn(failure);
      core.record(Step.LEDGER, "CONFLICT", conflict);
      Resolution verdict = awaitOperator("the ledger refused the posting: " + conflict);
      if (verdict.status() == OperationStatus.CONFIRMED) {
        core.record(Step.LEDGER, "NOT_POSTED", "left to " + verdict.operator());
        return true;
      }
      core.failure("operator-resolved", verdict.note());
      return false;
    }
    ledgerPosted = true;
    core.record(
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
    OperationStatus before = core.status();
    core.enterManualReview(why);
    core.review().awaitVerdictOr(core::reconcileRequested);
    core.clearReconcileRequest();
    Resolution verdict = core.review().takeVerdict();
    core.transition(before);
    return verdict;
  }

  private void finish(OperationStatus outcome) {
    if (outcome == OperationStatus.CONFIRMED) {
      core.confirmed();
    } else {
      core.failed(core.failureCode(), core.failureDetail());
    }
  }

  @Override
  public OrderState state() {
    return new OrderState(
        request.operationId(),
        request.clientId(),
        request.idempotencyKey(),
        core.status(),
        request.fingerprint(),
        request.customerAccount(),
        request.merchantAccount(),
        request.items(),
        request.amount(),
        request.currency(),
        saga.shown(),
        saga.compensating(),
        core.failureCode(),
        core.failureDetail(),
        core.createdAt(),
        core.decidedAt(),
        core.unknownSince(),
        core.nextReconcileAt(),
        ledgerPosted,
        ledgerReversed,
        core.review().lastVerdict(),
        core.attempts(),
        request.requestId(),
        core.callback(),
        plan.upstreamKey());
  }

  /**
   * Every try was definitely not executed (not applied), or the last one may have been (unknown).
   */
  private static StepResult exhausted(ActivityFailure failure) {
    return new StepResult(
        PaymentActivities.exhausted(failure),
        null,
        0,
        PaymentActivities.exhaustedDetail(failure, "step"));
  }

  private Outcome mark(UpstreamStep step, Outcome outcome, String reference, String detail) {
    return saga.mark(step, outcome, reference, detail);
  }
}
