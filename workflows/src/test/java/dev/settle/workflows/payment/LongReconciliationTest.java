package dev.settle.workflows.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.settle.workflows.ledger.LedgerActivities;
import dev.settle.workflows.operation.Attempt;
import dev.settle.workflows.operation.ExecutionOutcome;
import dev.settle.workflows.operation.LookupOutcome;
import dev.settle.workflows.operation.OperationCore;
import dev.settle.workflows.operation.OperationStatus;
import dev.settle.workflows.payment.Evidence.Source;
import dev.settle.workflows.reconciliation.PolicyActivities;
import dev.settle.workflows.reconciliation.ReconciliationPolicy;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A payment can stay UNKNOWN for days with the default backoff (a lookup a minute) without any run
 * reaching Temporal's history limits: it continues as new, same workflow ID, the state carried
 * over, and the evidence that finally arrives settles it as if it had been one run.
 */
class LongReconciliationTest {
  /** Temporal warns at this many events in one run (and stops a run at 51,200). */
  static final int HISTORY_WARNING = 10_240;

  static final ReconciliationPolicy DEFAULTS_FOR_A_WEEK =
      new ReconciliationPolicy(
          Duration.ofSeconds(1),
          Duration.ofMinutes(1),
          Duration.ofSeconds(10),
          Duration.ofDays(8),
          Duration.ofHours(1),
          4000);

  final PaymentMocks mocks = new PaymentMocks(DEFAULTS_FOR_A_WEEK);
  final PaymentActivities upstream = mocks.upstream;
  final LedgerActivities ledger = mocks.ledger;
  final PolicyActivities policies = mocks.policies;
  PaymentWorkflowHarness harness;

  @BeforeEach
  void start() {
    harness = mocks.startOn(new PaymentWorkflowHarness("aPaymentUnknownForAWeek"));
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void aPaymentUnknownForAWeekKeepsEveryRunUnderTheHistoryLimitAndItsStateAcrossRuns() {
    when(upstream.charge(any()))
        .thenReturn(new ChargeResult(ExecutionOutcome.AMBIGUOUS, null, 0, "read timeout"));
    when(upstream.lookup(any()))
        .thenReturn(new LookupResult(LookupOutcome.UNAVAILABLE, null, "HTTP 503"));
    PaymentRequest request =
        new PaymentRequest(
            "demo", "week-1", "alice", "bob", new BigDecimal("12.50"), "EUR", "fp", "req-1");
    harness.startAsync(request);
    PaymentState before = harness.awaitState(s -> s.status() == OperationStatus.UNKNOWN);

    harness.sleep(Duration.ofDays(7));

    PaymentState after = harness.awaitState(s -> s.status() == OperationStatus.UNKNOWN);
    assertThat(after.unknownSince()).isEqualTo(before.unknownSince());
    assertThat(after.createdAt()).isEqualTo(before.createdAt());
    assertThat(after.upstreamKey()).isEqualTo(before.upstreamKey());
    assertThat(after.executions()).isEqualTo(1);
    assertThat(after.attempts()).hasSizeLessThanOrEqualTo(OperationCore.RECENT_ATTEMPTS + 1);
    Attempt earlier = after.attempts().get(0);
    assertThat(earlier.step()).isEqualTo(Attempt.Step.EARLIER);
    assertThat(earlier.detail()).contains("1 CHARGE").containsPattern("\\d{4,} LOOKUP");
    assertThat(harness.searchAttributeStatus()).isEqualTo("UNKNOWN");

    List<History> runs = runsOf(request.operationId());
    assertThat(runs).as("runs of the workflow").hasSizeGreaterThan(1);
    assertThat(runs)
        .allSatisfy(run -> assertThat(run.getEventsCount()).isLessThan(HISTORY_WARNING));

    harness.evidence(PaymentEvidenceTest.settled(Source.WEBHOOK, "12.50", "EUR"));
    PaymentState settled = harness.result();
    assertThat(settled.status()).isEqualTo(OperationStatus.CONFIRMED);
    assertThat(settled.upstreamPaymentId()).isEqualTo("pay_ev");
    assertThat(settled.ledgerPosted()).isTrue();
    verify(ledger, times(1)).post(any());
    verify(upstream, times(1)).charge(any());
  }

  /** Every run's history, newest first, following each run back to the one it continued. */
  private List<History> runsOf(String workflowId) {
    List<History> runs = new ArrayList<>();
    History run = harness.client().fetchHistory(workflowId).getHistory();
    while (true) {
      runs.add(run);
      HistoryEvent started = run.getEvents(0);
      String previous =
          started.getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
      if (previous.isEmpty()) {
        return runs;
      }
      run = harness.client().fetchHistory(workflowId, previous).getHistory();
    }
  }
}
