package dev.settle.workflows.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.settle.workflows.ledger.LedgerActivities;
import dev.settle.workflows.ledger.PostingInput;
import dev.settle.workflows.operation.Attempt;
import dev.settle.workflows.operation.DecisionWait;
import dev.settle.workflows.operation.ExecutionOutcome;
import dev.settle.workflows.operation.LookupOutcome;
import dev.settle.workflows.operation.OperationStatus;
import dev.settle.workflows.operation.Resolution;
import dev.settle.workflows.operation.SettleNames;
import dev.settle.workflows.reconciliation.PolicyActivities;
import dev.settle.workflows.reconciliation.ReconciliationPolicy;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** One test per path of the payment workflow, on Temporal's in-memory server with time skipping. */
class PaymentWorkflowTest {
  static final ReconciliationPolicy POLICY =
      new ReconciliationPolicy(
          Duration.ofSeconds(1),
          Duration.ofMinutes(1),
          Duration.ofSeconds(10),
          Duration.ofHours(1),
          Duration.ofHours(1));

  final PaymentMocks mocks = new PaymentMocks(POLICY);
  final PaymentActivities upstream = mocks.upstream;
  final LedgerActivities ledger = mocks.ledger;
  final PolicyActivities policies = mocks.policies;
  PaymentWorkflowHarness harness;

  @BeforeEach
  void start(TestInfo test) {
    harness =
        mocks.startOn(new PaymentWorkflowHarness(test.getTestMethod().orElseThrow().getName()));
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void confirmed() {
    when(upstream.charge(any())).thenReturn(applied());

    PaymentState state = harness.run(request());

    assertThat(state.status()).isEqualTo(OperationStatus.CONFIRMED);
    assertThat(state.upstreamPaymentId()).isEqualTo("pay_1");
    assertThat(state.ledgerPosted()).isTrue();
    assertThat(state.executions()).isEqualTo(1);
    assertThat(state.upstreamKey()).matches("demo:[0-9a-f]{12}/key-1");
    verify(upstream).charge(charged(state));
    verify(ledger)
        .post(
            new PostingInput(state.upstreamKey(), "alice", "bob", new BigDecimal("12.50"), "EUR"));
    verify(upstream, never()).lookup(any());
    assertThat(harness.searchAttributeStatus()).isEqualTo("CONFIRMED");
  }

  @Test
  void rejected() {
    when(upstream.charge(any()))
        .thenReturn(
            new ChargeResult(ExecutionOutcome.REJECTED, null, 402, "HTTP 402: insufficient funds"));

    PaymentState state = harness.run(request());

    assertThat(state.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(state.failureCode()).isEqualTo("upstream-rejected");
    assertThat(state.failureDetail()).contains("insufficient funds");
    verify(ledger, never()).post(any());
    assertThat(harness.searchAttributeStatus()).isEqualTo("FAILED");
  }

  @Test
  void upstreamUnavailableOnEveryTryFails() {
    when(upstream.charge(any()))
        .thenThrow(
            ApplicationFailure.newBuilder()
                .setType(PaymentActivities.UPSTREAM_UNAVAILABLE)
                .setMessage("503")
                .setNextRetryDelay(Duration.ofMillis(10))
                .build());

    PaymentState state = harness.run(request());

    assertThat(state.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(state.failureCode()).isEqualTo("upstream-unavailable");
    // The happy path's local try, then the activity's 5 tries (its limit in workflow tests).
    verify(upstream, times(6)).charge(any());
    verify(ledger, never()).post(any());
  }

  @Test
  void anUpstreamSayingSettleIsMisconfiguredUntilTheHorizonWaitsForAnOperatorNotTheCustomer() {
    when(upstream.charge(any()))
        .thenThrow(
            ApplicationFailure.newBuilder()
                .setType(PaymentActivities.UPSTREAM_MISCONFIGURED)
                .setMessage("upstream says Settle is misconfigured: HTTP 401")
                .setNextRetryDelay(Duration.ofMillis(10))
                .build());
    harness.startAsync(request());

    PaymentState waiting = harness.awaitState(s -> s.status() == OperationStatus.MANUAL_REVIEW);
    assertThat(waiting.attempts())
        .anyMatch(a -> a.step() == Attempt.Step.CHARGE && a.outcome().equals("MISCONFIGURED"))
        .anyMatch(a -> a.step() == Attempt.Step.MANUAL_REVIEW && a.detail().contains("HTTP 401"));
    assertThat(harness.searchAttributeStatus()).isEqualTo("MANUAL_REVIEW");
    harness.resolve(new Resolution(OperationStatus.FAILED, "ops", "fixed the key; retry", null));

    PaymentState state = harness.result();
    assertThat(state.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(state.failureCode()).isEqualTo("operator-resolved");
    verify(ledger, never()).post(any());
  }

  @Test
  void ambiguousThenFoundIsConfirmedWithoutSecondCharge() {
    when(upstream.charge(any())).thenReturn(ambiguous());
    when(upstream.lookup(any()))
        .thenReturn(new LookupResult(LookupOutcome.UNAVAILABLE, null, "HTTP 503"))
        .thenReturn(new LookupResult(LookupOutcome.FOUND, "pay_7", "HTTP 200"));

    PaymentState state = harness.run(request());

    assertThat(state.status()).isEqualTo(OperationStatus.CONFIRMED);
    assertThat(state.upstreamPaymentId()).isEqualTo("pay_7");
    assertThat(state.unknownSince()).isNotNull();
    verify(upstream, times(1)).charge(any());
    verify(upstream, times(2)).lookup(LookupInput.of(chargeOf(state)));
    verify(ledger, times(1)).post(any());
    assertThat(state.attempts())
        .extracting(Attempt::step)
        .contains(Attempt.Step.LOOKUP, Attempt.Step.LEDGER);
  }

  @Test
  void ambiguousThenNotFoundIsReExecutedOnceWithTheSameKey() {
    when(upstream.charge(any())).thenReturn(ambiguous()).thenReturn(applied());
    when(upstream.lookup(any()))
        .thenReturn(new LookupResult(LookupOutcome.NOT_FOUND, null, "HTTP 404"));

    PaymentState state = harness.run(request());

    assertThat(state.status()).isEqualTo(OperationStatus.CONFIRMED);
    assertThat(state.executions()).isEqualTo(2);
    // Lookups at +1s, +3s, +7s are inside the 10 s grace; the one at +15s is past it.
    verify(upstream, times(4)).lookup(any());
    verify(upstream, times(2)).charge(charged(state));
    verify(ledger, times(1)).post(any());
  }

  @Test
  void reconcileSignalSkipsTheWait() {
    when(policies.reconciliationPolicy(any()))
        .thenReturn(
            new ReconciliationPolicy(
                Duration.ofHours(1),
                Duration.ofHours(2),
                Duration.ofHours(1),
                Duration.ofDays(2),
                Duration.ofHours(1)));
    when(upstream.charge(any())).thenReturn(ambiguous());
    when(upstream.lookup(any()))
        .thenReturn(new LookupResult(LookupOutcome.FOUND, "pay_9", "HTTP 200"));
    long startedAt = harness.now();

    harness.startAsync(request());
    PaymentState unknown = harness.awaitState(s -> s.status() == OperationStatus.UNKNOWN);
    assertThat(unknown.nextReconcileAt())
        .isAfter(unknown.unknownSince().plus(Duration.ofMinutes(59)));
    harness.signalReconcile();
    PaymentState confirmed = harness.awaitState(s -> s.status() == OperationStatus.CONFIRMED);

    assertThat(confirmed.upstreamPaymentId()).isEqualTo("pay_9");
    assertThat(harness.now() - startedAt).isLessThan(Duration.ofMinutes(59).toMillis());
    assertThat(confirmed.attempts())
        .extracting(Attempt::step)
        .contains(Attempt.Step.RECONCILE_SIGNAL);
  }

  @Test
  void pastTheHorizonWaitsForAnOperatorsResolution() {
    when(upstream.charge(any())).thenReturn(ambiguous());
    when(upstream.lookup(any()))
        .thenReturn(new LookupResult(LookupOutcome.UNAVAILABLE, null, "HTTP 503"));

    harness.startAsync(request());
    harness.sleep(Duration.ofMinutes(70));
    PaymentState review = harness.awaitState(s -> s.status() == OperationStatus.MANUAL_REVIEW);
    assertThat(harness.searchAttributeStatus()).isEqualTo("MANUAL_REVIEW");
    harness.resolve(new Resolution(OperationStatus.CONFIRMED, "", "no operator", null));
    harness.resolve(
        new Resolution(OperationStatus.CONFIRMED, "alice", "seen on the statement", "pay_stmt"));
    PaymentState state = harness.result();

    assertThat(review.unknownSince()).isNotNull();
    assertThat(state.status()).isEqualTo(OperationStatus.CONFIRMED);
    assertThat(state.upstreamPaymentId()).isEqualTo("pay_stmt");
    assertThat(state.resolution().operator()).isEqualTo("alice");
    assertThat(state.attempts())
        .filteredOn(a -> a.step() == Attempt.Step.RESOLVE_SIGNAL)
        .extracting(Attempt::outcome)
        .containsExactly("IGNORED", "ACCEPTED");
    verify(ledger, times(1)).post(any());
  }

  @Test
  void resolveOutsideManualReviewIsIgnored() {
    when(upstream.lookup(any()))
        .thenReturn(new LookupResult(LookupOutcome.NOT_FOUND, null, "HTTP 404"));
    when(upstream.charge(any()))
        .thenReturn(ambiguous())
        .thenReturn(new ChargeResult(ExecutionOutcome.REJECTED, null, 403, "declined"));

    harness.startAsync(request());
    harness.awaitState(s -> s.status() == OperationStatus.UNKNOWN);
    harness.resolve(new Resolution(OperationStatus.CONFIRMED, "mallory", "", null));
    PaymentState state = harness.result();

    assertThat(state.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(state.resolution()).isNull();
    verify(ledger, never()).post(any());
  }

  @Test
  void attachingWithAnotherPayloadIsRejectedAndLeavesTheOperationAlone() {
    when(policies.reconciliationPolicy(any()))
        .thenReturn(
            new ReconciliationPolicy(
                Duration.ofHours(1),
                Duration.ofHours(1),
                Duration.ofHours(1),
                Duration.ofDays(1),
                Duration.ofHours(1)));
    when(upstream.charge(any())).thenReturn(ambiguous());
    when(upstream.lookup(any()))
        .thenReturn(new LookupResult(LookupOutcome.FOUND, "pay_3", "HTTP 200"));
    PaymentRequest first = request();

    PaymentState attached =
        harness.updateWithStart(first, new DecisionWait(first.fingerprint(), 0));
    assertThat(attached.status()).isIn(OperationStatus.PENDING, OperationStatus.UNKNOWN);
    harness.awaitState(s -> s.status() == OperationStatus.UNKNOWN);

    assertThatThrownBy(() -> harness.update(new DecisionWait("another-fingerprint", 0)))
        .isInstanceOf(WorkflowUpdateException.class)
        .hasStackTraceContaining(SettleNames.FINGERPRINT_MISMATCH);
    PaymentState again = harness.update(new DecisionWait(first.fingerprint(), 0));
    assertThat(again.status()).isEqualTo(OperationStatus.UNKNOWN);

    assertThat(harness.result().status()).isEqualTo(OperationStatus.CONFIRMED);
    verify(upstream, times(1)).charge(any());
  }

  static PaymentRequest request() {
    return new PaymentRequest(
        "demo", "key-1", "alice", "bob", new BigDecimal("12.50"), "EUR", "fp-1", "req-1");
  }

  static ChargeResult applied() {
    return new ChargeResult(ExecutionOutcome.APPLIED, "pay_1", 201, "HTTP 201");
  }

  static ChargeResult ambiguous() {
    return new ChargeResult(
        ExecutionOutcome.AMBIGUOUS,
        null,
        0,
        "java.net.http.HttpTimeoutException: request timed out");
  }

  @Test
  void aKeyUsedAgainAfterItsRunWasForgottenGoesUpstreamUnderANewKey() {
    when(upstream.charge(any())).thenReturn(applied());

    PaymentState first = harness.run(request());
    // A new run of the same workflow ID: what a key sent again after the retention (or after
    // `temporal workflow delete`) starts.
    PaymentState second = harness.run(request());

    assertThat(second.upstreamKey())
        .matches("demo:[0-9a-f]{12}/key-1")
        .isNotEqualTo(first.upstreamKey());
    verify(upstream).charge(charged(first));
    verify(upstream).charge(charged(second));
    verify(ledger).post(argThat(posting -> posting.operationId().equals(first.upstreamKey())));
    verify(ledger).post(argThat(posting -> posting.operationId().equals(second.upstreamKey())));
  }

  @Test
  void aLookupThatFindsAnotherPaymentNeverConfirms() {
    when(upstream.charge(any())).thenReturn(ambiguous());
    when(upstream.lookup(any()))
        .thenReturn(
            new LookupResult(LookupOutcome.MISMATCH, "pay_9", "pay_9 amount 99.00, asked 12.50"));

    harness.startAsync(request());
    PaymentState waiting = harness.awaitState(s -> s.status() == OperationStatus.MANUAL_REVIEW);

    assertThat(waiting.ledgerPosted()).isFalse();
    assertThat(waiting.upstreamPaymentId()).isNull();
    assertThat(waiting.attempts())
        .anySatisfy(
            a -> {
              assertThat(a.step()).isEqualTo(Attempt.Step.LOOKUP);
              assertThat(a.outcome()).isEqualTo("MISMATCH");
            });
    verify(upstream, times(1)).charge(any());
    verify(ledger, never()).post(any());
  }

  @Test
  void aPostingTheLedgerRefusesWaitsForAnOperatorAndIsNeverCountedPosted() {
    when(upstream.charge(any())).thenReturn(applied());
    when(ledger.post(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "demo:abc/key-1 already holds DR carol 5.00 EUR",
                LedgerActivities.LEDGER_CONFLICT));

    harness.startAsync(request());
    PaymentState waiting = harness.awaitState(s -> s.status() == OperationStatus.MANUAL_REVIEW);
    assertThat(waiting.ledgerPosted()).isFalse();
    assertThat(waiting.attempts())
        .anySatisfy(
            a -> {
              assertThat(a.step()).isEqualTo(Attempt.Step.MANUAL_REVIEW);
              assertThat(a.detail()).contains("ledger refused", "already holds DR carol");
            });

    harness.resolve(new Resolution(OperationStatus.CONFIRMED, "ops", "posted by hand", "pay_1"));
    PaymentState state = harness.result();

    assertThat(state.status()).isEqualTo(OperationStatus.CONFIRMED);
    assertThat(state.ledgerPosted()).isFalse();
    assertThat(state.attempts()).extracting(Attempt::outcome).contains("CONFLICT", "NOT_POSTED");
    verify(ledger, times(1)).post(any());
  }

  /** The charge of this payment, whichever try of it (local or activity) the call was. */
  private static ChargeInput charged(PaymentState state) {
    ChargeInput expected = chargeOf(state);
    return argThat(input -> input != null && input.asCall(null, 0).equals(expected));
  }

  private static ChargeInput chargeOf(PaymentState state) {
    return new ChargeInput(state.upstreamKey(), "alice", "bob", new BigDecimal("12.50"), "EUR");
  }
}
