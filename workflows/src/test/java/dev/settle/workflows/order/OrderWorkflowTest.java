package dev.settle.workflows.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.settle.workflows.callback.CallbackActivities;
import dev.settle.workflows.callback.CallbackPolicy;
import dev.settle.workflows.callback.CallbackStatus;
import dev.settle.workflows.callback.DeliveryResult;
import dev.settle.workflows.callback.Notification;
import dev.settle.workflows.ledger.LedgerActivities;
import dev.settle.workflows.ledger.PostingResult;
import dev.settle.workflows.operation.Attempt;
import dev.settle.workflows.operation.ExecutionOutcome;
import dev.settle.workflows.operation.LookupOutcome;
import dev.settle.workflows.operation.OperationSearchAttributes;
import dev.settle.workflows.operation.OperationStatus;
import dev.settle.workflows.operation.Resolution;
import dev.settle.workflows.operation.SettleNames;
import dev.settle.workflows.operation.TestEnvironments;
import dev.settle.workflows.order.SagaStep.Compensation;
import dev.settle.workflows.order.SagaStep.Outcome;
import dev.settle.workflows.payment.ChargeResult;
import dev.settle.workflows.payment.LookupResult;
import dev.settle.workflows.payment.PaymentActivities;
import dev.settle.workflows.reconciliation.PolicyActivities;
import dev.settle.workflows.reconciliation.ReconciliationPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.mockito.ArgumentCaptor;

/** The order saga's paths on the in-memory server with time skipping; upstream calls are mocks. */
class OrderWorkflowTest {
  static final ReconciliationPolicy POLICY =
      new ReconciliationPolicy(
          Duration.ofSeconds(1),
          Duration.ofMinutes(1),
          Duration.ofSeconds(10),
          Duration.ofHours(1),
          Duration.ofMinutes(30));

  final OrderActivities orders = mock(OrderActivities.class, withSettings().withoutAnnotations());
  final PaymentActivities payments =
      mock(PaymentActivities.class, withSettings().withoutAnnotations());
  final LedgerActivities ledger = mock(LedgerActivities.class, withSettings().withoutAnnotations());
  final PolicyActivities policies =
      mock(PolicyActivities.class, withSettings().withoutAnnotations());
  final CallbackActivities callbacks =
      mock(CallbackActivities.class, withSettings().withoutAnnotations());
  TestWorkflowEnvironment env;
  OrderWorkflow workflow;
  String name;

  @BeforeEach
  void start(TestInfo test) {
    name = test.getTestMethod().orElseThrow().getName();
    env = TestEnvironments.create();
    Worker worker = TestEnvironments.worker(env);
    worker.registerWorkflowImplementationTypes(OrderWorkflowImpl.class);
    worker.registerActivitiesImplementations(orders, payments, ledger, policies, callbacks);
    env.start();
    when(policies.reconciliationPolicy(any())).thenReturn(POLICY);
    when(ledger.post(any())).thenReturn(new PostingResult(true, 2));
    when(ledger.reverse(any())).thenReturn(new PostingResult(true, 2));
    when(orders.createOrder(any())).thenReturn(applied("ord_1"));
    when(orders.reserveStock(any())).thenReturn(applied("res_1"));
    when(payments.charge(any()))
        .thenReturn(new ChargeResult(ExecutionOutcome.APPLIED, "pay_1", 201, "HTTP 201"));
    when(orders.cancelOrder(any())).thenReturn(new CompensationResult(true, "HTTP 200"));
    when(orders.releaseStock(any())).thenReturn(new CompensationResult(true, "HTTP 200"));
    when(orders.refundPayment(any())).thenReturn(new CompensationResult(true, "HTTP 200"));
    workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                OrderWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId("demo/order-1")
                    .setTaskQueue(SettleNames.TASK_QUEUE)
                    .build());
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void allStepsSucceed() throws Exception {
    OrderState state = run();

    assertThat(state.status()).isEqualTo(OperationStatus.CONFIRMED);
    assertThat(state.steps()).extracting(SagaStep::outcome).containsOnly(Outcome.APPLIED);
    assertThat(state.steps()).extracting(SagaStep::compensation).containsOnly(Compensation.NONE);
    assertThat(state.ledgerPosted()).isTrue();
    assertThat(state.ledgerReversed()).isFalse();
    verify(ledger).post(any());
    verify(orders, never()).cancelOrder(any());
  }

  @Test
  void callbackOfACompensatedOrderIsRetriedThenDelivered() throws Exception {
    when(payments.charge(any()))
        .thenReturn(new ChargeResult(ExecutionOutcome.REJECTED, null, 402, "HTTP 402"));
    when(policies.callbackPolicy(any()))
        .thenReturn(
            new CallbackPolicy(
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                Duration.ofMinutes(5),
                Duration.ofDays(1)));
    when(callbacks.deliver(any()))
        .thenReturn(new DeliveryResult(false, 502, "HTTP 502"))
        .thenReturn(new DeliveryResult(true, 200, "HTTP 200"));
    OrderRequest plain = request();
    OrderRequest withCallback =
        new OrderRequest(
            plain.clientId(),
            plain.idempotencyKey(),
            plain.customerAccount(),
            plain.merchantAccount(),
            plain.items(),
            plain.amount(),
            plain.currency(),
            plain.fingerprint(),
            plain.requestId(),
            "https://client.example/orders");

    WorkflowClient.start(workflow::order, withCallback);
    OrderState state = result();

    assertThat(state.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(state.callback().status()).isEqualTo(CallbackStatus.DELIVERED);
    assertThat(state.callback().attempts()).isEqualTo(2);
    ArgumentCaptor<Notification> sent = ArgumentCaptor.forClass(Notification.class);
    verify(callbacks, times(2)).deliver(sent.capture());
    assertThat(sent.getValue().type()).isEqualTo("ORDER");
    assertThat(sent.getValue().status()).isEqualTo("FAILED");
    assertThat(sent.getValue().deliveryId()).isEqualTo("order-1");
    assertThat(
            WorkflowStub.fromTyped(workflow)
                .describe()
                .getTypedSearchAttributes()
                .get(OperationSearchAttributes.CALLBACK_STATUS))
        .isEqualTo("DELIVERED");
  }

  @Test
  void orderCreationRejectedFailsWithNothingToUndo() throws Exception {
    when(orders.createOrder(any()))
        .thenReturn(new StepResult(ExecutionOutcome.REJECTED, null, 403, "HTTP 403: declined"));

    OrderState state = run();

    assertThat(state.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(state.failureCode()).isEqualTo("order-rejected");
    assertThat(state.steps().get(0).compensation()).isEqualTo(Compensation.NOT_NEEDED);
    verify(orders, never()).reserveStock(any());
    verify(orders, never()).cancelOrder(any());
    verify(payments, never()).charge(any());
  }

  @Test
  void shortStockCancelsTheOrder() throws Exception {
    when(orders.reserveStock(any()))
        .thenReturn(new StepResult(ExecutionOutcome.REJECTED, null, 409, "HTTP 409"));

    OrderState state = run();

    assertThat(state.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(state.failureCode()).isEqualTo("stock-insufficient");
    assertThat(state.steps())
        .extracting(SagaStep::compensation)
        .containsExactly(Compensation.DONE, Compensation.NOT_NEEDED, Compensation.NONE);
    verify(orders).cancelOrder(any());
    verify(orders, never()).releaseStock(any());
    verify(payments, never()).charge(any());
  }

  @Test
  void paymentRejectedReleasesStockAndCancelsInReverse() throws Exception {
    when(payments.charge(any()))
        .thenReturn(new ChargeResult(ExecutionOutcome.REJECTED, null, 402, "HTTP 402"));

    OrderState state = run();

    assertThat(state.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(state.failureCode()).isEqualTo("payment-rejected");
    assertThat(state.steps())
        .extracting(SagaStep::compensation)
        .containsExactly(Compensation.DONE, Compensation.DONE, Compensation.NOT_NEEDED);
    var inOrder = org.mockito.Mockito.inOrder(orders);
    inOrder.verify(orders).releaseStock(any());
    inOrder.verify(orders).cancelOrder(any());
    verify(orders, never()).refundPayment(any());
    verify(ledger, never()).post(any());
  }

  @Test
  void paymentAmbiguousThenFoundCompletesTheOrder() throws Exception {
    when(payments.charge(any()))
        .thenReturn(new ChargeResult(ExecutionOutcome.AMBIGUOUS, null, 0, "read timeout"));
    when(payments.lookup(any()))
        .thenReturn(new LookupResult(LookupOutcome.FOUND, "pay_9", "HTTP 200"));

    OrderState state = run();

    assertThat(state.status()).isEqualTo(OperationStatus.CONFIRMED);
    assertThat(state.steps().get(2).reference()).isEqualTo("pay_9");
    assertThat(state.unknownSince()).isNotNull();
    verify(payments, times(1)).charge(any());
    verify(ledger).post(any());
  }

  @Test
  void paymentAmbiguousThenNotFoundUnwindsWithoutACharge() throws Exception {
    when(payments.charge(any()))
        .thenReturn(new ChargeResult(ExecutionOutcome.AMBIGUOUS, null, 0, "read timeout"))
        .thenThrow(
            ApplicationFailure.newBuilder()
                .setType(PaymentActivities.UPSTREAM_UNAVAILABLE)
                .setMessage("503")
                .setNextRetryDelay(Duration.ofMillis(10))
                .build());
    when(payments.lookup(any()))
        .thenReturn(new LookupResult(LookupOutcome.NOT_FOUND, null, "HTTP 404"));

    OrderState state = run();

    assertThat(state.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(state.steps())
        .extracting(SagaStep::compensation)
        .containsExactly(Compensation.DONE, Compensation.DONE, Compensation.NOT_NEEDED);
    verify(orders, never()).refundPayment(any());
    verify(ledger, never()).post(any());
  }

  @Test
  void aFailingCompensationIsRetriedUntilItSucceeds() throws Exception {
    when(payments.charge(any()))
        .thenReturn(new ChargeResult(ExecutionOutcome.REJECTED, null, 402, "HTTP 402"));
    when(orders.releaseStock(any()))
        .thenThrow(ApplicationFailure.newFailure("503", "CompensationPending"))
        .thenThrow(ApplicationFailure.newFailure("503", "CompensationPending"))
        .thenReturn(new CompensationResult(true, "HTTP 200"));

    OrderState state = run();

    assertThat(state.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(state.steps().get(1).compensation()).isEqualTo(Compensation.DONE);
    verify(orders, times(3)).releaseStock(any());
    verify(orders).cancelOrder(any());
  }

  @Test
  void aCompensationStuckPastItsHorizonWaitsForAnOperator() throws Exception {
    when(payments.charge(any()))
        .thenReturn(new ChargeResult(ExecutionOutcome.REJECTED, null, 402, "HTTP 402"));
    when(orders.releaseStock(any()))
        .thenThrow(ApplicationFailure.newFailure("503", "CompensationPending"));

    WorkflowClient.start(workflow::order, request());
    // Past the compensation horizon. On a busy machine the worker may take its first task only
    // after the skipped clock moved on, so the time is given in steps until the operator is asked.
    OrderState stuck = workflow.state();
    for (int step = 0; step < 12 && stuck.status() != OperationStatus.MANUAL_REVIEW; step++) {
      env.sleep(Duration.ofMinutes(10));
      stuck = workflow.state();
    }
    assertThat(stuck.status()).isEqualTo(OperationStatus.MANUAL_REVIEW);
    assertThat(stuck.steps().get(1).compensation()).isEqualTo(Compensation.STUCK);
    assertThat(
            WorkflowStub.fromTyped(workflow)
                .describe()
                .getTypedSearchAttributes()
                .get(dev.settle.workflows.operation.OperationSearchAttributes.OPERATION_STATUS))
        .isEqualTo("MANUAL_REVIEW");
    workflow.resolve(new Resolution(OperationStatus.FAILED, "alice", "released by hand", null));
    OrderState state = result();

    assertThat(state.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(state.steps().get(1).compensation()).isEqualTo(Compensation.DONE);
    verify(orders).cancelOrder(any());
  }

  @Test
  void anUnknownChargeAnOperatorFailsIsStillRefundedInCaseItApplied() throws Exception {
    when(payments.charge(any()))
        .thenReturn(new ChargeResult(ExecutionOutcome.AMBIGUOUS, null, 0, "read timeout"));
    when(payments.lookup(any()))
        .thenReturn(new LookupResult(LookupOutcome.UNAVAILABLE, null, "HTTP 503"));

    WorkflowClient.start(workflow::order, request());
    env.sleep(Duration.ofMinutes(70));
    assertThat(workflow.state().status()).isEqualTo(OperationStatus.MANUAL_REVIEW);
    workflow.resolve(new Resolution(OperationStatus.FAILED, "bob", "not on the statement", null));
    OrderState state = result();

    assertThat(state.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(state.failureCode()).isEqualTo("operator-resolved");
    assertThat(state.steps())
        .extracting(SagaStep::compensation)
        .containsExactly(Compensation.DONE, Compensation.DONE, Compensation.DONE);
    verify(orders).refundPayment(any());
    verify(ledger, never()).post(any());
  }

  @Test
  void aReconcileSignalInManualReviewLooksTheUnknownStepUpAsForPayments() throws Exception {
    when(payments.charge(any()))
        .thenReturn(new ChargeResult(ExecutionOutcome.AMBIGUOUS, null, 0, "read timeout"));
    when(payments.lookup(any()))
        .thenReturn(new LookupResult(LookupOutcome.UNAVAILABLE, null, "HTTP 503"));

    WorkflowClient.start(workflow::order, request());
    env.sleep(Duration.ofMinutes(70));
    assertThat(workflow.state().status()).isEqualTo(OperationStatus.MANUAL_REVIEW);
    when(payments.lookup(any()))
        .thenReturn(new LookupResult(LookupOutcome.FOUND, "pay_9", "HTTP 200"));
    workflow.reconcile();
    OrderState state = result();

    assertThat(state.status()).isEqualTo(OperationStatus.CONFIRMED);
    assertThat(state.steps().get(2).outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(state.steps().get(2).reference()).isEqualTo("pay_9");
    assertThat(state.attempts())
        .anyMatch(a -> a.step() == Attempt.Step.LOOKUP && a.outcome().equals("FOUND"));
    verify(ledger).post(any());
    verify(orders, never()).refundPayment(any());
  }

  private OrderState run() throws Exception {
    WorkflowClient.start(workflow::order, request());
    return result();
  }

  private OrderState result() throws Exception {
    OrderState state = WorkflowStub.fromTyped(workflow).getResult(OrderState.class);
    if (Boolean.getBoolean("settle.recordHistories")) {
      Path histories = Path.of("src/test/resources/histories");
      Files.createDirectories(histories);
      Files.writeString(
          histories.resolve("order-" + name + ".json"),
          env.getWorkflowClient().fetchHistory("demo/order-1").toJson(true));
    }
    return state;
  }

  static OrderRequest request() {
    return new OrderRequest(
        "demo",
        "order-1",
        "alice",
        "shop",
        List.of(new OrderItem("sku-1", 2)),
        new BigDecimal("30.00"),
        "EUR",
        "fp",
        "req-1");
  }

  static StepResult applied(String reference) {
    return new StepResult(ExecutionOutcome.APPLIED, reference, 201, "HTTP 201");
  }
}
