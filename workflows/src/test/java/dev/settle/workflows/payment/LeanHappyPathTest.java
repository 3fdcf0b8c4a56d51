package dev.settle.workflows.payment;

import static dev.settle.workflows.payment.PaymentWorkflowTest.POLICY;
import static dev.settle.workflows.payment.PaymentWorkflowTest.applied;
import static dev.settle.workflows.payment.PaymentWorkflowTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.settle.workflows.ledger.LedgerActivities;
import dev.settle.workflows.ledger.PostingResult;
import dev.settle.workflows.operation.DecisionWait;
import dev.settle.workflows.operation.OperationStatus;
import dev.settle.workflows.reconciliation.PolicyActivities;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.mockito.ArgumentCaptor;

/**
 * A happy payment costs about what a no-op workflow does: the charge and the posting are local
 * tries recorded as markers in the one workflow task, the policy is not read, and the caller's wait
 * adds no timer. When a local try fails, the activity takes over as one call with it.
 */
class LeanHappyPathTest {
  final PaymentMocks mocks = new PaymentMocks(POLICY);
  final PaymentActivities upstream = mocks.upstream;
  final LedgerActivities ledger = mocks.ledger;
  final PolicyActivities policies = mocks.policies;
  PaymentWorkflowHarness harness;

  @BeforeEach
  void start(TestInfo test) {
    harness =
        mocks.startOn(
            new PaymentWorkflowHarness("lean-" + test.getTestMethod().orElseThrow().getName()));
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void aHappyPaymentIsAtMostTenEventsInOneWorkflowTask() {
    when(upstream.charge(any())).thenReturn(applied());

    PaymentState state = harness.run(request());

    assertThat(state.status()).isEqualTo(OperationStatus.CONFIRMED);
    assertThat(state.ledgerPosted()).isTrue();
    List<HistoryEvent> events = history(state);
    assertThat(events).hasSizeLessThanOrEqualTo(10);
    assertThat(count(events, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)).isEqualTo(1);
    assertThat(count(events, EventType.EVENT_TYPE_MARKER_RECORDED))
        .as("the run's shape, the charge and the posting")
        .isEqualTo(3);
    assertThat(count(events, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).isZero();
    verify(policies, never()).reconciliationPolicy(any());
  }

  @Test
  void theCallersWaitAddsAnUpdateAndNoTimer() {
    when(upstream.charge(any())).thenReturn(applied());

    PaymentState answered =
        harness.updateWithStart(request(), new DecisionWait("fp-1", 2_000, true));
    PaymentState state = harness.result();

    assertThat(answered.status()).isEqualTo(OperationStatus.CONFIRMED);
    List<HistoryEvent> events = history(state);
    assertThat(count(events, EventType.EVENT_TYPE_TIMER_STARTED)).isZero();
    assertThat(count(events, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)).isEqualTo(1);
    assertThat(events).hasSizeLessThanOrEqualTo(12);
  }

  @Test
  void aLocalTryTheUpstreamDidNotExecuteIsTakenOverByTheActivityAsTheSameCall() {
    when(upstream.charge(any()))
        .thenThrow(
            ApplicationFailure.newBuilder()
                .setType(PaymentActivities.UPSTREAM_UNAVAILABLE)
                .setMessage("503")
                .setNextRetryDelay(Duration.ofMillis(10))
                .build())
        .thenReturn(applied());

    PaymentState state = harness.run(request());

    assertThat(state.status()).isEqualTo(OperationStatus.CONFIRMED);
    assertThat(state.executions()).as("one charge, tried twice").isEqualTo(1);
    ArgumentCaptor<ChargeInput> tries = ArgumentCaptor.forClass(ChargeInput.class);
    verify(upstream, times(2)).charge(tries.capture());
    ChargeInput local = tries.getAllValues().get(0);
    ChargeInput takeover = tries.getAllValues().get(1);
    assertThat(local.callId()).isNotNull().isEqualTo(takeover.callId());
    assertThat(local.attemptsBefore()).isZero();
    assertThat(takeover.attemptsBefore()).isEqualTo(1);
    assertThat(takeover.idempotencyKey()).isEqualTo(local.idempotencyKey());
    assertThat(count(history(state), EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).isEqualTo(1);
  }

  @Test
  void aLocalPostingThatFailsIsTakenOverByTheActivity() {
    when(upstream.charge(any())).thenReturn(applied());
    when(ledger.post(any()))
        .thenThrow(new IllegalStateException("connection refused"))
        .thenReturn(new PostingResult(true, 2));

    PaymentState state = harness.run(request());

    assertThat(state.status()).isEqualTo(OperationStatus.CONFIRMED);
    assertThat(state.ledgerPosted()).isTrue();
    verify(ledger, times(2)).post(any());
  }

  private List<HistoryEvent> history(PaymentState state) {
    return harness.client().fetchHistory(state.operationId()).getHistory().getEventsList();
  }

  private static long count(List<HistoryEvent> events, EventType type) {
    return events.stream().filter(e -> e.getEventType() == type).count();
  }
}
