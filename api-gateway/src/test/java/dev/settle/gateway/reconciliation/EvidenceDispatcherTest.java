package dev.settle.gateway.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.settle.gateway.problem.ApiException;
import dev.settle.gateway.reconciliation.EvidenceDispatcher.Delivery;
import dev.settle.gateway.reconciliation.EvidenceDispatcher.Outcome;
import dev.settle.workflows.discrepancy.DiscrepancyReport;
import dev.settle.workflows.operation.OperationSearchAttributes;
import dev.settle.workflows.operation.OperationStatus;
import dev.settle.workflows.operation.SettleNames;
import dev.settle.workflows.payment.Evidence;
import dev.settle.workflows.payment.PaymentState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpStatus;

/** Where evidence goes: the running payment, or an answer saying why not. */
class EvidenceDispatcherTest {
  final WorkflowClient client = mock(WorkflowClient.class);
  final WorkflowStub stub = mock(WorkflowStub.class);
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final DiscrepancyCases cases = mock(DiscrepancyCases.class);
  final EvidenceDispatcher dispatcher =
      new EvidenceDispatcher(client, TestReaders.over(client), cases, meters);
  final Evidence evidence =
      new Evidence(
          Evidence.Source.STATEMENT,
          "pay_1",
          new BigDecimal("12.5"),
          "EUR",
          Evidence.SETTLED,
          Instant.EPOCH,
          "line 2");

  WorkflowExecutionDescription workflow(String type, WorkflowExecutionStatus status) {
    WorkflowExecutionDescription description = mock(WorkflowExecutionDescription.class);
    when(description.getWorkflowType()).thenReturn(type);
    when(description.getStatus()).thenReturn(status);
    when(description.getTypedSearchAttributes()).thenReturn(SearchAttributes.EMPTY);
    when(client.newUntypedWorkflowStub("demo/k")).thenReturn(stub);
    when(stub.describe()).thenReturn(description);
    return description;
  }

  void runningPayment(OperationStatus recorded, Duration startedAgo) {
    WorkflowExecutionDescription description =
        workflow("PaymentWorkflow", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    when(description.getTypedSearchAttributes())
        .thenReturn(
            SearchAttributes.newBuilder()
                .set(OperationSearchAttributes.OPERATION_STATUS, recorded.name())
                .build());
    when(description.getStartTime()).thenReturn(Instant.now().minus(startedAgo));
  }

  @Test
  void aWebhookAboutAPaymentStillWaitingForItsChargeIsHeldForTheSenderToRetry() {
    Duration hold = Duration.ofSeconds(10);
    runningPayment(OperationStatus.PENDING, Duration.ofSeconds(1));

    assertHeld(() -> dispatcher.deliver("demo/k", evidence, hold));
    verify(stub, never()).signal(anyString(), any());

    // Without a hold (statements), past the window, or once the charge is ambiguous: signalled.
    assertThat(dispatcher.deliver("demo/k", evidence).outcome()).isEqualTo(Outcome.MATCHED);
    runningPayment(OperationStatus.PENDING, Duration.ofSeconds(11));
    assertThat(dispatcher.deliver("demo/k", evidence, hold).outcome()).isEqualTo(Outcome.MATCHED);
    runningPayment(OperationStatus.UNKNOWN, Duration.ofSeconds(1));
    assertThat(dispatcher.deliver("demo/k", evidence, hold).outcome()).isEqualTo(Outcome.MATCHED);
    verify(stub, times(3)).signal(SettleNames.EVIDENCE_SIGNAL, evidence);
  }

  @Test
  void aRunningPaymentGetsTheEvidenceSignal() {
    workflow("PaymentWorkflow", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

    Delivery delivery = dispatcher.deliver("demo/k", evidence);

    assertThat(delivery.outcome()).isEqualTo(Outcome.MATCHED);
    assertThat(delivery.operationId()).isEqualTo("demo/k");
    verify(stub).signal(SettleNames.EVIDENCE_SIGNAL, evidence);
  }

  @Test
  void keysSettleNeverSentAndUnknownOperationsAreUnmatched() {
    when(client.newUntypedWorkflowStub("demo/k")).thenReturn(stub);
    when(stub.describe())
        .thenThrow(
            new WorkflowNotFoundException(
                WorkflowExecution.getDefaultInstance(), "PaymentWorkflow", null));

    assertThat(dispatcher.deliver("no-slash", evidence).outcome()).isEqualTo(Outcome.UNMATCHED);
    assertThat(dispatcher.deliver("demo/", evidence).outcome()).isEqualTo(Outcome.UNMATCHED);
    assertThat(dispatcher.deliver("demo/k", evidence).outcome()).isEqualTo(Outcome.UNMATCHED);
    verify(stub, never()).signal(anyString(), any());
  }

  @Test
  void anOrderSagaTakesNoEvidence() {
    workflow("OrderWorkflow", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

    Delivery delivery = dispatcher.deliver("demo/k", evidence);

    assertThat(delivery.outcome()).isEqualTo(Outcome.UNMATCHED);
    assertThat(delivery.detail()).contains("OrderWorkflow");
    verify(stub, never()).signal(anyString(), any());
  }

  @Test
  void aClosedPaymentIsReportedWithAnyContradiction() {
    workflow("PaymentWorkflow", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    when(stub.getResult(PaymentState.class))
        .thenReturn(state(OperationStatus.FAILED, null, "12.50"));

    Delivery failed = dispatcher.deliver("demo/k", evidence);

    assertThat(failed.outcome()).isEqualTo(Outcome.ALREADY_FINAL);
    assertThat(failed.status()).isEqualTo("FAILED");
    assertThat(failed.discrepancy()).contains("FAILED", "pay_1");
    verify(stub, never()).signal(anyString(), any());

    when(stub.getResult(PaymentState.class))
        .thenReturn(state(OperationStatus.CONFIRMED, "pay_1", "12.50"));
    assertThat(dispatcher.deliver("demo/k", evidence).discrepancy()).isNull();
    when(stub.getResult(PaymentState.class))
        .thenReturn(state(OperationStatus.CONFIRMED, "pay_other", "12.50"));
    assertThat(dispatcher.deliver("demo/k", evidence).discrepancy()).contains("pay_other");
    when(stub.getResult(PaymentState.class))
        .thenReturn(state(OperationStatus.CONFIRMED, "pay_1", "13.00"));
    assertThat(dispatcher.deliver("demo/k", evidence).discrepancy()).contains("13.00");
    assertThat(discrepancies("statement")).isEqualTo(3.0);
    assertThat(discrepancies("webhook")).isZero();
    ArgumentCaptor<DiscrepancyReport> reports = ArgumentCaptor.forClass(DiscrepancyReport.class);
    verify(cases, times(3)).report(eq("demo/k"), any(), reports.capture());
    assertThat(reports.getAllValues())
        .extracting(DiscrepancyReport::discrepancy)
        .containsExactly(
            failed.discrepancy(),
            "confirmed as pay_other, the upstream settled pay_1",
            "the upstream settled 12.5 EUR, the operation is for 13.00 EUR");
    assertThat(reports.getAllValues())
        .allSatisfy(
            r -> {
              assertThat(r.source()).isEqualTo("statement");
              assertThat(r.fact()).isEqualTo(evidence.fact());
            });
  }

  @Test
  void aFinalPaymentStillRunningRecordsTheEvidenceAndAContradictionOpensACase() {
    runningPayment(OperationStatus.FAILED, Duration.ofMinutes(5));
    when(stub.query(SettleNames.STATE_QUERY, PaymentState.class))
        .thenReturn(state(OperationStatus.FAILED, null, "12.50"));

    Delivery delivery = dispatcher.deliver("demo/k", evidence, Duration.ofSeconds(10));

    assertThat(delivery.outcome()).isEqualTo(Outcome.MATCHED);
    assertThat(delivery.discrepancy()).contains("FAILED", "pay_1");
    verify(stub).signal(SettleNames.EVIDENCE_SIGNAL, evidence);
    verify(cases).report(eq("demo/k"), any(), any(DiscrepancyReport.class));
    assertThat(discrepancies("statement")).isEqualTo(1.0);
  }

  @Test
  void evidenceAboutAFinalPaymentNoWorkerAnswersForIsHeldForTheSenderToRetry() {
    runningPayment(OperationStatus.FAILED, Duration.ofMinutes(5));
    when(stub.query(SettleNames.STATE_QUERY, PaymentState.class))
        .thenThrow(new IllegalStateException("query timed out before a worker could process it"));

    assertHeld(() -> dispatcher.deliver("demo/k", evidence));
    verify(stub, never()).signal(anyString(), any());
    verify(cases, never()).report(anyString(), any(), any());
  }

  @Test
  void evidenceAboutAPaymentNotYetFinalOpensNoCase() {
    runningPayment(OperationStatus.UNKNOWN, Duration.ofMinutes(5));

    assertThat(dispatcher.deliver("demo/k", evidence).discrepancy()).isNull();

    verify(stub, never()).query(anyString(), any());
    verify(cases, never()).report(anyString(), any(), any());
  }

  @Test
  void settlementOfAPaymentTerminatedBeforeItDecidedOpensACase() {
    workflow("PaymentWorkflow", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);

    assertThat(dispatcher.deliver("demo/k", evidence).discrepancy())
        .contains("terminated before it decided", "pay_1");
    verify(cases).report(eq("demo/k"), any(), any(DiscrepancyReport.class));
  }

  /** Refused for the sender to send again: 503 evidence-held. */
  static void assertHeld(ThrowingCallable delivery) {
    assertThatThrownBy(delivery)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.kind()).isEqualTo("evidence-held");
              assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            });
  }

  double discrepancies(String source) {
    return meters.get("settle.evidence.discrepancies").tag("source", source).counter().count();
  }

  @Test
  void evidenceUnderAnEarlierRunsKeyIsADiscrepancyEvenForTheSameMoney() {
    workflow("PaymentWorkflow", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    PaymentState confirmed = state(OperationStatus.CONFIRMED, "pay_1", "12.50");
    when(stub.getResult(PaymentState.class)).thenReturn(withKey(confirmed, "demo:bbbbbbbbbbbb/k"));
    Evidence earlierRun = withKey(evidence, "demo:aaaaaaaaaaaa/k");

    Delivery delivery = dispatcher.deliver("demo:aaaaaaaaaaaa/k", earlierRun);

    assertThat(delivery.operationId()).isEqualTo("demo/k");
    assertThat(delivery.discrepancy())
        .contains("demo:aaaaaaaaaaaa/k", "earlier operation", "demo:bbbbbbbbbbbb/k");
    when(stub.getResult(PaymentState.class)).thenReturn(withKey(confirmed, "demo:aaaaaaaaaaaa/k"));
    assertThat(dispatcher.deliver("demo:aaaaaaaaaaaa/k", earlierRun).discrepancy()).isNull();
  }

  static Evidence withKey(Evidence e, String upstreamKey) {
    return new Evidence(
        e.source(),
        e.upstreamPaymentId(),
        e.amount(),
        e.currency(),
        e.status(),
        e.settledAt(),
        e.reference(),
        upstreamKey);
  }

  static PaymentState withKey(PaymentState s, String upstreamKey) {
    return new PaymentState(
        s.operationId(),
        s.clientId(),
        s.idempotencyKey(),
        s.status(),
        s.fingerprint(),
        s.debitAccount(),
        s.creditAccount(),
        s.amount(),
        s.currency(),
        s.upstreamPaymentId(),
        s.failureCode(),
        s.failureDetail(),
        s.createdAt(),
        s.decidedAt(),
        s.unknownSince(),
        s.nextReconcileAt(),
        s.executions(),
        s.ledgerPosted(),
        s.resolution(),
        s.attempts(),
        s.startedByRequest(),
        s.callback(),
        upstreamKey);
  }

  static PaymentState state(OperationStatus status, String paymentId, String amount) {
    return new PaymentState(
        "demo/k",
        "demo",
        "k",
        status,
        "fp",
        "a",
        "b",
        new BigDecimal(amount),
        "EUR",
        paymentId,
        null,
        null,
        Instant.EPOCH,
        Instant.EPOCH,
        null,
        null,
        1,
        status == OperationStatus.CONFIRMED,
        null,
        List.of(),
        "r",
        null);
  }
}
