package dev.settle.workflows.payment;

import static dev.settle.workflows.payment.PaymentWorkflowTest.ambiguous;
import static dev.settle.workflows.payment.PaymentWorkflowTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.settle.workflows.ledger.LedgerActivities;
import dev.settle.workflows.ledger.PostingInput;
import dev.settle.workflows.operation.Attempt;
import dev.settle.workflows.operation.ExecutionOutcome;
import dev.settle.workflows.operation.LookupOutcome;
import dev.settle.workflows.operation.OperationStatus;
import dev.settle.workflows.operation.Resolution;
import dev.settle.workflows.payment.Evidence.Source;
import dev.settle.workflows.reconciliation.PolicyActivities;
import dev.settle.workflows.reconciliation.ReconciliationPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Webhooks and statements as sources of truth: settlement evidence settles a payment whose status
 * endpoint cannot answer, exactly once, and never one whose money differs or that is already final.
 */
class PaymentEvidenceTest {
  /**
   * Lookups an hour apart, so that only evidence (or a signal) moves the payment in these tests.
   */
  static final ReconciliationPolicy SLOW =
      new ReconciliationPolicy(
          Duration.ofHours(1),
          Duration.ofHours(1),
          Duration.ofHours(1),
          Duration.ofDays(2),
          Duration.ofHours(1));

  final PaymentMocks mocks = new PaymentMocks(SLOW);
  final PaymentActivities upstream = mocks.upstream;
  final LedgerActivities ledger = mocks.ledger;
  final PolicyActivities policies = mocks.policies;
  PaymentWorkflowHarness harness;

  @BeforeEach
  void start(TestInfo test) {
    harness =
        mocks.startOn(new PaymentWorkflowHarness(test.getTestMethod().orElseThrow().getName()));
    when(upstream.lookup(any()))
        .thenReturn(new LookupResult(LookupOutcome.UNAVAILABLE, null, "HTTP 503"));
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void evidenceSettlesAnUnknownPaymentWhileTheStatusEndpointIsDown() {
    when(upstream.charge(any())).thenReturn(ambiguous());
    long startedAt = harness.now();

    harness.startAsync(request());
    harness.awaitState(s -> s.status() == OperationStatus.UNKNOWN);
    harness.evidence(settled(Source.WEBHOOK, "12.50", "EUR"));
    harness.evidence(settled(Source.STATEMENT, "12.5", "EUR"));
    // Queries keep the clock still, so the time read right after the state turns CONFIRMED is the
    // time it took to settle. Waiting for the result lets the test server skip time (once nothing
    // is left to run it may jump years ahead), so the clock is read before that.
    harness.awaitState(s -> s.status() == OperationStatus.CONFIRMED);
    long settledAfter = harness.now() - startedAt;
    PaymentState state = harness.result();

    assertThat(state.status()).isEqualTo(OperationStatus.CONFIRMED);
    assertThat(state.upstreamPaymentId()).isEqualTo("pay_ev");
    assertThat(state.ledgerPosted()).isTrue();
    assertThat(settledAfter)
        .as("settled without waiting for the next lookup")
        .isLessThan(3_600_000);
    // The second signal can land as the task that posts locally completes: the task is then run
    // again, and so is its local posting. That is the same posting again, which the ledger keeps
    // once (LedgerIT); no other posting is ever made.
    PostingInput posting =
        new PostingInput(state.upstreamKey(), "alice", "bob", new BigDecimal("12.50"), "EUR");
    verify(ledger, atLeastOnce()).post(posting);
    verify(ledger, never()).post(argThat(other -> !posting.equals(other)));
    verify(upstream, times(1)).charge(any());
    assertThat(state.attempts())
        .filteredOn(a -> a.step() == Attempt.Step.EVIDENCE)
        .extracting(Attempt::outcome)
        .startsWith("ACCEPTED")
        .contains("SETTLED");
    assertThat(state.attempts())
        .filteredOn(a -> a.outcome().equals("SETTLED"))
        .singleElement()
        .satisfies(a -> assertThat(a.detail()).contains("WEBHOOK", "evt-1", "pay_ev"));
  }

  @Test
  void mismatchedEvidenceIsRecordedAndNeverConfirms() {
    when(upstream.charge(any())).thenReturn(ambiguous());
    when(upstream.lookup(any()))
        .thenReturn(new LookupResult(LookupOutcome.UNAVAILABLE, null, "HTTP 503"))
        .thenReturn(new LookupResult(LookupOutcome.FOUND, "pay_real", "HTTP 200"));

    harness.startAsync(request());
    harness.awaitState(s -> s.status() == OperationStatus.UNKNOWN);
    harness.evidence(settled(Source.WEBHOOK, "99.00", "EUR"));
    harness.evidence(settled(Source.WEBHOOK, "99.00", "EUR"));
    harness.evidence(settled(Source.STATEMENT, "12.50", "USD"));
    harness.evidence(
        new Evidence(
            Source.WEBHOOK, "pay_ev", new BigDecimal("12.50"), "EUR", "REVERSED", null, "evt-9"));
    PaymentState stillUnknown =
        harness.awaitState(
            s -> s.attempts().stream().filter(a -> a.step() == Attempt.Step.EVIDENCE).count() == 3);
    harness.sleep(Duration.ofMinutes(30));

    assertThat(stillUnknown.status()).isEqualTo(OperationStatus.UNKNOWN);
    assertThat(harness.awaitState(s -> true).status()).isEqualTo(OperationStatus.UNKNOWN);
    verify(ledger, never()).post(any());
    assertThat(stillUnknown.attempts())
        .filteredOn(a -> a.step() == Attempt.Step.EVIDENCE)
        .extracting(Attempt::outcome)
        .as("the repeated webhook is dropped")
        .containsExactly("MISMATCH", "MISMATCH", "IGNORED");

    // The status endpoint, once back, is what settles it — with its own id, not the mismatched one.
    harness.signalReconcile();
    harness.signalReconcile();
    PaymentState state = harness.result();
    assertThat(state.status()).isEqualTo(OperationStatus.CONFIRMED);
    assertThat(state.upstreamPaymentId()).isEqualTo("pay_real");
    verify(ledger, times(1)).post(any());
  }

  @Test
  void evidenceAfterTheOperationIsFinalChangesNothing() {
    when(upstream.charge(any()))
        .thenReturn(
            new ChargeResult(ExecutionOutcome.REJECTED, null, 402, "HTTP 402: insufficient funds"));

    PaymentState failed = harness.run(request());

    assertThat(failed.status()).isEqualTo(OperationStatus.FAILED);
    // A closed workflow takes no signals: the gateway reports such evidence as already final.
    assertThatThrownBy(() -> harness.evidence(settled(Source.STATEMENT, "12.50", "EUR")))
        .isInstanceOf(io.temporal.client.WorkflowNotFoundException.class);
    assertThat(harness.result()).isEqualTo(failed);
    verify(ledger, never()).post(any());
  }

  @Test
  void evidenceWhileTheChargeIsInFlightSettlesItOnceTheChargeTurnsOutAmbiguous() throws Exception {
    CountDownLatch charging = new CountDownLatch(1);
    CountDownLatch evidenceSent = new CountDownLatch(1);
    when(upstream.charge(any()))
        .thenAnswer(
            call -> {
              charging.countDown();
              assertThat(evidenceSent.await(20, TimeUnit.SECONDS)).isTrue();
              return ambiguous();
            });

    harness.startAsync(request());
    assertThat(charging.await(20, TimeUnit.SECONDS)).isTrue();
    // The charge is the happy path's local try, inside the first workflow task: the signal is
    // kept by the server and handled in the task after it (a query would wait for that task too).
    harness.evidence(settled(Source.WEBHOOK, "12.50", "EUR"));
    evidenceSent.countDown();
    PaymentState state = harness.result();

    assertThat(state.status()).isEqualTo(OperationStatus.CONFIRMED);
    assertThat(state.upstreamPaymentId()).isEqualTo("pay_ev");
    assertThat(state.attempts()).extracting(Attempt::step).doesNotContain(Attempt.Step.LOOKUP);
    verify(upstream, times(1)).charge(any());
    verify(ledger, times(1)).post(any());
  }

  @Test
  void evidenceWhileTheChargeIsInFlightDoesNotPostTwiceWhenTheChargeSucceeds() throws Exception {
    CountDownLatch charging = new CountDownLatch(1);
    CountDownLatch evidenceSent = new CountDownLatch(1);
    when(upstream.charge(any()))
        .thenAnswer(
            call -> {
              charging.countDown();
              assertThat(evidenceSent.await(20, TimeUnit.SECONDS)).isTrue();
              return new ChargeResult(ExecutionOutcome.APPLIED, "pay_ev", 201, "HTTP 201");
            });

    harness.startAsync(request());
    assertThat(charging.await(20, TimeUnit.SECONDS)).isTrue();
    harness.evidence(settled(Source.WEBHOOK, "12.50", "EUR"));
    harness.awaitState(s -> s.attempts().stream().anyMatch(a -> a.step() == Attempt.Step.EVIDENCE));
    evidenceSent.countDown();
    PaymentState state = harness.result();

    assertThat(state.status()).isEqualTo(OperationStatus.CONFIRMED);
    verify(ledger, times(1)).post(any());
    assertThat(state.attempts()).filteredOn(a -> a.step() == Attempt.Step.LEDGER).hasSize(1);
  }

  @Test
  void aRefusedChargeThatEvidenceSaysSettledWaitsForAnOperator() throws Exception {
    CountDownLatch charging = new CountDownLatch(1);
    CountDownLatch evidenceSent = new CountDownLatch(1);
    when(upstream.charge(any()))
        .thenAnswer(
            call -> {
              charging.countDown();
              assertThat(evidenceSent.await(20, TimeUnit.SECONDS)).isTrue();
              return new ChargeResult(ExecutionOutcome.REJECTED, null, 403, "HTTP 403: declined");
            });

    harness.startAsync(request());
    assertThat(charging.await(20, TimeUnit.SECONDS)).isTrue();
    harness.evidence(settled(Source.WEBHOOK, "12.50", "EUR"));
    harness.awaitState(s -> s.attempts().stream().anyMatch(a -> a.step() == Attempt.Step.EVIDENCE));
    evidenceSent.countDown();
    PaymentState review = harness.awaitState(s -> s.status() == OperationStatus.MANUAL_REVIEW);
    harness.evidence(settled(Source.STATEMENT, "12.50", "EUR"));
    harness.awaitState(s -> s.attempts().stream().anyMatch(a -> a.outcome().equals("NOTED")));

    assertThat(review.attempts()).extracting(Attempt::outcome).contains("CONFLICT");
    assertThat(harness.awaitState(s -> true).status()).isEqualTo(OperationStatus.MANUAL_REVIEW);
    verify(ledger, never()).post(any());
    harness.resolve(
        new Resolution(OperationStatus.CONFIRMED, "alice", "provider confirms", "pay_ev"));
    assertThat(harness.result().status()).isEqualTo(OperationStatus.CONFIRMED);
    verify(ledger, times(1)).post(any());
  }

  @Test
  void evidenceSettlesAPaymentWaitingForAnOperator() {
    when(policies.reconciliationPolicy(any())).thenReturn(PaymentWorkflowTest.POLICY);
    when(upstream.charge(any())).thenReturn(ambiguous());

    harness.startAsync(request());
    harness.sleep(Duration.ofMinutes(70));
    harness.awaitState(s -> s.status() == OperationStatus.MANUAL_REVIEW);
    harness.evidence(settled(Source.STATEMENT, "12.50", "EUR"));
    PaymentState state = harness.result();

    assertThat(state.status()).isEqualTo(OperationStatus.CONFIRMED);
    assertThat(state.upstreamPaymentId()).isEqualTo("pay_ev");
    assertThat(state.resolution()).isNull();
    verify(ledger, times(1)).post(any());
  }

  @Test
  void evidenceUnderAnEarlierRunsKeyNeverSettlesThisRun() {
    when(upstream.charge(any())).thenReturn(ambiguous());
    when(upstream.lookup(any()))
        .thenReturn(new LookupResult(LookupOutcome.UNAVAILABLE, null, "HTTP 503"));
    harness.startAsync(request());
    PaymentState unknown = harness.awaitState(s -> s.status() == OperationStatus.UNKNOWN);
    Evidence matching = settled(Source.WEBHOOK, "12.50", "EUR");

    harness.evidence(underKey(matching, "demo:000000000000/key-1"));
    PaymentState afterForeign =
        harness.awaitState(
            s -> s.attempts().stream().anyMatch(a -> a.step() == Attempt.Step.EVIDENCE));
    assertThat(afterForeign.status()).isEqualTo(OperationStatus.UNKNOWN);
    assertThat(afterForeign.attempts())
        .filteredOn(a -> a.step() == Attempt.Step.EVIDENCE)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.outcome()).isEqualTo("IGNORED");
              assertThat(a.detail()).contains("an earlier run's key");
            });

    harness.evidence(underKey(settled(Source.STATEMENT, "12.50", "EUR"), unknown.upstreamKey()));
    PaymentState state = harness.result();
    assertThat(state.status()).isEqualTo(OperationStatus.CONFIRMED);
    verify(ledger, times(1)).post(any());
  }

  private static Evidence underKey(Evidence evidence, String upstreamKey) {
    return new Evidence(
        evidence.source(),
        evidence.upstreamPaymentId(),
        evidence.amount(),
        evidence.currency(),
        evidence.status(),
        evidence.settledAt(),
        evidence.reference(),
        upstreamKey);
  }

  static Evidence settled(Source source, String amount, String currency) {
    String reference = source == Source.WEBHOOK ? "evt-1" : "2026-11-27 line 2";
    return new Evidence(
        source,
        "pay_ev",
        new BigDecimal(amount),
        currency,
        Evidence.SETTLED,
        Instant.parse("2026-11-27T10:00:00Z"),
        reference);
  }
}
