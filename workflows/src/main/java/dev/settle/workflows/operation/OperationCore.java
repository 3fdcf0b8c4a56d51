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
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
public final class OperationCore implements Reconciler.Host {
  /**
   * Payments recorded before the core upserted their status even when it did not change (entering
   * MANUAL_REVIEW again from MANUAL_REVIEW); replays of those keep doing so.
   */
  static final String UPSERT_ONLY_CHANGES = "upsert-status-only-on-change";

  /** The history entries the state shows; earlier ones are only counted. */
  public static final int RECENT_ATTEMPTS = 100;

  private static final Logger log = Workflow.getLogger(OperationCore.class);

  private final Identity identity;
  private final long createdAt;
  private final List<Attempt> attempts = new ArrayList<>();
  private final Map<Step, Integer> earlierAttempts = new EnumMap<>(Step.class);
  private Instant earliestOmitted;
  private final CallbackOutbox callback;
  private final OperationMetrics metrics;
  private OperationStatus status = OperationStatus.PENDING;
  private String failureCode;
  private String failureDetail;
  private Long decidedAt;
  private Long unknownSince;
  private Long nextReconcileAt;
  private boolean reconcileRequested;
  private BooleanSupplier settledElsewhere = () -> false;

  /** The operator's verdict accepted in the current manual review; one per review. */
  private Resolution resolution;

  /** True once the workflow acts on {@link #resolution}. */
  private boolean verdictTaken;

  /** The last verdict acted on, for the status. */
  private Resolution lastResolution;

  /** What identifies an operation to its client and its callback. */
  public record Identity(
      String type,
      String operationId,
      String idempotencyKey,
      String fingerprint,
      String callbackUrl,
      BigDecimal amount,
      String currency,
      boolean legacyRepeatedUpsert) {}

  /**
   * @param carried what the run before handed over when it continued as new, or null
   */
  public OperationCore(Identity identity, CarriedState carried) {
    this.identity = identity;
    this.callback = new CallbackOutbox(identity.callbackUrl());
    this.metrics = new OperationMetrics(identity.type());
    if (carried == null) {
      this.createdAt = Workflow.currentTimeMillis();
      return;
    }
    this.createdAt = carried.createdAt();
    this.status = carried.status();
    this.failureCode = carried.failureCode();
    this.failureDetail = carried.failureDetail();
    this.unknownSince = carried.unknownSince();
    this.lastResolution = carried.lastResolution();
    this.earlierAttempts.putAll(carried.earlierAttempts());
    for (Attempt attempt : carried.attempts()) {
      if (attempt.step() == Step.EARLIER) {
        earliestOmitted = attempt.at();
      } else {
        keep(attempt);
      }
    }
  }

  /** What the next run needs to go on where this one stops. */
  public CarriedState carried() {
    return new CarriedState(
        status,
        failureCode,
        failureDetail,
        createdAt,
        unknownSince,
        attempts(),
        Map.copyOf(earlierAttempts),
        lastResolution);
  }

  // --- the signal, query and update handlers every operation type has ----------------------

  public void reconcileSignal() {
    record(Step.RECONCILE_SIGNAL, "RECEIVED", "status " + status);
    reconcileRequested = true;
  }

  public void resolveSignal(Resolution verdict) {
    if (status != OperationStatus.MANUAL_REVIEW || resolution != null) {
      record(Step.RESOLVE_SIGNAL, "IGNORED", "status is " + status + ", not MANUAL_REVIEW");
      return;
    }
    if (verdict == null || !verdict.acceptable()) {
      record(Step.RESOLVE_SIGNAL, "IGNORED", "needs status CONFIRMED or FAILED and an operator");
      return;
    }
    record(Step.RESOLVE_SIGNAL, "ACCEPTED", verdict.operator() + ": " + verdict.status());
    resolution = verdict;
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
    this.settledElsewhere = condition;
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
      unknownSince = Workflow.currentTimeMillis();
      transition(OperationStatus.UNKNOWN);
      Workflow.upsertTypedSearchAttributes(UNKNOWN_SINCE.valueSet(offsetDateTime(unknownSince)));
    }
    Reconciler.Settled<L, E> settled =
        new Reconciler(policy, this).untilKnown(unknownSince, resumed, probe, retry);
    if (settled.verdict() != Reconciler.Verdict.HISTORY_FULL) {
      metrics.reconciled(unknownSince, settled.verdict().concluded());
    }
    return settled;
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

  @Override
  public boolean settledElsewhere() {
    return settledElsewhere.getAsBoolean();
  }

  // --- manual review -----------------------------------------------------------------------

  public void enterManualReview(String why) {
    resolution = null;
    verdictTaken = false;
    transition(OperationStatus.MANUAL_REVIEW);
    record(Step.MANUAL_REVIEW, "WAITING", why);
    log.warn("{} {} needs manual review: {}", identity.type(), identity.operationId(), why);
  }

  /** Waits until an operator's verdict is in or {@code orWhen} holds. */
  public void awaitVerdictOr(BooleanSupplier orWhen) {
    Workflow.await(() -> (resolution != null && !verdictTaken) || orWhen.getAsBoolean());
  }

  /** The operator's verdict to act on now, or null; taken once. */
  public Resolution takeVerdict() {
    if (resolution == null || verdictTaken) {
      return null;
    }
    verdictTaken = true;
    lastResolution = resolution;
    return resolution;
  }

  /** Forgets the last verdict acted on: a new wait needs a new decision, made knowing why. */
  public void forgetLastVerdict() {
    lastResolution = null;
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
    keep(new Attempt(instant(Workflow.currentTimeMillis()), step, outcome, detail));
  }

  /** Keeps the entry; past {@link #RECENT_ATTEMPTS} the oldest one is only counted. */
  private void keep(Attempt attempt) {
    attempts.add(attempt);
    if (attempts.size() > RECENT_ATTEMPTS) {
      Attempt oldest = attempts.remove(0);
      earlierAttempts.merge(oldest.step(), 1, Integer::sum);
      if (earliestOmitted == null) {
        earliestOmitted = oldest.at();
      }
    }
  }

  /**
   * The recent history entries, after one {@code EARLIER} entry that counts the older ones by step
   * (at: the oldest of them) once there are more than {@link #RECENT_ATTEMPTS}.
   */
  public List<Attempt> attempts() {
    if (earlierAttempts.isEmpty()) {
      return List.copyOf(attempts);
    }
    List<Attempt> shown = new ArrayList<>(attempts.size() + 1);
    int total = earlierAttempts.values().stream().mapToInt(Integer::intValue).sum();
    StringBuilder counts = new StringBuilder();
    earlierAttempts.forEach(
        (step, n) ->
            counts.append(counts.isEmpty() ? "" : ", ").append(n).append(' ').append(step));
    shown.add(
        new Attempt(
            earliestOmitted, Step.EARLIER, "OMITTED", total + " earlier entries: " + counts));
    shown.addAll(attempts);
    return List.copyOf(shown);
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
    return instant(unknownSince);
  }

  public Instant nextReconcileAt() {
    return instant(nextReconcileAt);
  }

  public Resolution lastVerdict() {
    return lastResolution;
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
