package dev.settle.workflows.operation;

import static dev.settle.workflows.operation.OperationSearchAttributes.OPERATION_STATUS;
import static dev.settle.workflows.operation.OperationSearchAttributes.UNKNOWN_SINCE;

import dev.settle.workflows.callback.CallbackDelivery;
import dev.settle.workflows.callback.CallbackOutbox;
import dev.settle.workflows.callback.Notification;
import dev.settle.workflows.operation.Attempt.Step;
import dev.settle.workflows.reconciliation.PolicyActivities;
import dev.settle.workflows.reconciliation.Reconciler;
import dev.settle.workflows.reconciliation.ReconciliationPolicy;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * What every operation type shares, whatever its upstream steps: the status and its search
 * attributes, the history of evidence, the failure, the operator's reconcile and resolve signals,
 * the wait for a decision, the reconciliation of a step whose outcome is unknown, the metrics and
 * the client callback. A workflow holds one and delegates to it, so that operation types cannot
 * drift apart where their contract is the same. Deterministic: Workflow APIs only.
 */
public final class OperationCore {
  /**
   * Payments recorded before the core upserted their status even when it did not change (entering
   * MANUAL_REVIEW again from MANUAL_REVIEW); replays of those keep doing so.
   */
  static final String UPSERT_ONLY_CHANGES = "upsert-status-only-on-change";

  /** The history entries the state shows; earlier ones are only counted. */
  public static final int RECENT_ATTEMPTS = 100;

  private static final Logger log = Workflow.getLogger(OperationCore.class);

  private final OperationIdentity identity;
  private final long createdAt;
  private final AttemptLog attempts;
  private final ManualReview review;
  private final UnknownPhase unknown;
  private final CallbackOutbox callback;
  private final OperationMetrics metrics;
  private OperationStatus status = OperationStatus.PENDING;
  private String failureCode;
  private String failureDetail;
  private Long decidedAt;

  /**
   * @param carried what the run before handed over when it continued as new, or null
   */
  public OperationCore(OperationIdentity identity, CarriedState carried) {
    this.identity = identity;
    this.callback = new CallbackOutbox(identity.callbackUrl());
    this.metrics = new OperationMetrics(identity.type());
    if (carried == null) {
      this.createdAt = Workflow.currentTimeMillis();
      this.attempts = new AttemptLog();
      this.review = new ManualReview(null);
      this.unknown = new UnknownPhase(null);
      return;
    }
    this.createdAt = carried.createdAt();
    this.status = carried.status();
    this.failureCode = carried.failureCode();
    this.failureDetail = carried.failureDetail();
    this.attempts = new AttemptLog(carried.attempts(), carried.earlierAttempts());
    this.review = new ManualReview(carried.lastResolution());
    this.unknown = new UnknownPhase(carried.unknownSince());
  }

  /** What the next run needs to go on where this one stops. */
  public CarriedState carried() {
    return new CarriedState(
        status,
        failureCode,
        failureDetail,
        createdAt,
        unknown.since(),
        attempts.shown(),
        attempts.earlierCounts(),
        review.lastVerdict());
  }

  // --- the signal, query and update handlers every operation type has ----------------------

  public void reconcileSignal() {
    record(Step.RECONCILE_SIGNAL, "RECEIVED", "status " + status);
    unknown.requestReconcile();
  }

  public void resolveSignal(Resolution verdict) {
    String ignoredBecause = review.offer(verdict, status);
    if (ignoredBecause != null) {
      record(Step.RESOLVE_SIGNAL, "IGNORED", ignoredBecause);
    } else {
      record(Step.RESOLVE_SIGNAL, "ACCEPTED", verdict.operator() + ": " + verdict.status());
    }
  }

  public void redeliverCallbackSignal() {
    callback.redeliver();
  }

  /**
   * The body of the awaitDecision update. A caller that keeps its own deadline is answered as soon
   * as the operation leaves PENDING (final, UNKNOWN or MANUAL_REVIEW), without a durable timer: a
   * hot key's repeated POSTs add none, and an update never outlives the PENDING phase, so none
   * keeps a continue-as-new waiting. Updates recorded before wait up to their budget for a final
   * status.
   */
  public void awaitDecision(DecisionWait wait) {
    if (wait.waitedByCaller()) {
      Workflow.await(() -> status != OperationStatus.PENDING);
    } else if (wait.budgetMillis() > 0) {
      Workflow.await(Duration.ofMillis(wait.budgetMillis()), () -> status.isFinal());
    }
  }

  public void validateDecisionWait(DecisionWait wait) {
    if (wait == null || !identity.fingerprint().equals(wait.fingerprint())) {
      // Validator failures reach the client with a generic failure type, so the stable marker
      // travels at the start of the message.
      throw ApplicationFailure.newNonRetryableFailure(
          SettleNames.FINGERPRINT_MISMATCH
              + ": idempotency key "
              + identity.idempotencyKey()
              + " was first used with another payload",
          SettleNames.FINGERPRINT_MISMATCH);
    }
  }

  // --- status ---------------------------------------------------------------------------

  public OperationStatus status() {
    return status;
  }

  public void transition(OperationStatus next) {
    if (status == next) {
      if (identity.legacyRepeatedUpsert()
          && Workflow.getVersion(UPSERT_ONLY_CHANGES, Workflow.DEFAULT_VERSION, 1)
              == Workflow.DEFAULT_VERSION) {
        Workflow.upsertTypedSearchAttributes(OPERATION_STATUS.valueSet(next.name()));
      }
      return;
    }
    if (next.isFinal()) {
      metrics.completed(next);
    }
    status = next;
    Workflow.upsertTypedSearchAttributes(OPERATION_STATUS.valueSet(next.name()));
  }

  public void confirmed() {
    decidedAt = Workflow.currentTimeMillis();
    failureCode = null;
    failureDetail = null;
    transition(OperationStatus.CONFIRMED);
  }

  public void failed(String code, String detail) {
    failureCode = code;
    failureDetail = detail;
    decidedAt = Workflow.currentTimeMillis();
    transition(OperationStatus.FAILED);
  }

  /** Why the operation will fail, known before it is final (a saga unwinds first). */
  public void failure(String code, String detail) {
    failureCode = code;
    failureDetail = detail;
  }

  public OperationMetrics metrics() {
    return metrics;
  }

  // --- reconciliation ----------------------------------------------------------------------

  /** Makes the Reconciler stop waiting as soon as this turns true (settlement evidence). */
  public void settledElsewhereWhen(BooleanSupplier condition) {
    unknown.settledElsewhereWhen(condition);
  }

  /**
   * UNKNOWN, then the reconciliation loop until the step's outcome is known or given up on, or
   * until the run's history is full. {@code resumed} is how far the run before got (the operation
   * is UNKNOWN already then), or null.
   */
  public <L extends LookupAnswer, E extends CallAnswer> Reconciler.Settled<L, E> reconcile(
      ReconciliationPolicy policy,
      Reconciler.Progress resumed,
      Supplier<L> probe,
      Supplier<E> retry) {
    if (resumed == null) {
      unknown.startedAt(Workflow.currentTimeMillis());
      transition(OperationStatus.UNKNOWN);
      Workflow.upsertTypedSearchAttributes(UNKNOWN_SINCE.valueSet(offsetDateTime(unknown.since())));
    }
    Reconciler.Settled<L, E> settled =
        new Reconciler(policy, unknown).untilKnown(unknown.since(), resumed, probe, retry);
    if (settled.verdict() != Reconciler.Verdict.HISTORY_FULL) {
      metrics.reconciled(unknown.since(), settled.verdict().concluded());
    }
    return settled;
  }

  /** True when an operator asked for a lookup now (the reconcile signal), until cleared. */
  public boolean reconcileRequested() {
    return unknown.reconcileRequested();
  }

  public void clearReconcileRequest() {
    unknown.clearReconcileRequest();
  }

  // --- manual review -----------------------------------------------------------------------

  public void enterManualReview(String why) {
    review.open();
    transition(OperationStatus.MANUAL_REVIEW);
    record(Step.MANUAL_REVIEW, "WAITING", why);
    log.warn("{} {} needs manual review: {}", identity.type(), identity.operationId(), why);
  }

  /** The operator's verdicts while the operation is in MANUAL_REVIEW. */
  public ManualReview review() {
    return review;
  }

  // --- the end ---------------------------------------------------------------------------

  /**
   * Delivers the client callback, then lets callers attached through awaitDecision receive the
   * final state before the run closes. The status is final before: queries and awaitDecision answer
   * it while the callback is being delivered.
   */
  public void finish(PolicyActivities policies) {
    callback.deliver(
        new Notification(
            identity.callbackUrl(),
            identity.idempotencyKey(),
            identity.type(),
            status.name(),
            identity.amount(),
            identity.currency(),
            instant(decidedAt),
            0),
        policies,
        identity.type());
    Workflow.await(Workflow::isEveryHandlerFinished);
  }

  // --- what the state query shows --------------------------------------------------------

  public void record(Step step, String outcome, String detail) {
    attempts.record(step, outcome, detail);
  }

  /**
   * The recent history entries, after one {@code EARLIER} entry that counts the older ones by step
   * once there are more than {@link #RECENT_ATTEMPTS}.
   */
  public List<Attempt> attempts() {
    return attempts.shown();
  }

  public String failureCode() {
    return failureCode;
  }

  public String failureDetail() {
    return failureDetail;
  }

  public Instant createdAt() {
    return instant(createdAt);
  }

  public Instant decidedAt() {
    return instant(decidedAt);
  }

  public Instant unknownSince() {
    return instant(unknown.since());
  }

  public Instant nextReconcileAt() {
    return unknown.nextLookupAt();
  }

  public CallbackDelivery callback() {
    return callback.state();
  }

  private static Instant instant(Long epochMillis) {
    return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
  }

  private static OffsetDateTime offsetDateTime(long epochMillis) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
  }
}
