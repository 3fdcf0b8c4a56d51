package dev.settle.workflows.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.settle.workflows.callback.CallbackActivities;
import dev.settle.workflows.callback.CallbackAttempt;
import dev.settle.workflows.callback.CallbackPolicy;
import dev.settle.workflows.callback.CallbackStatus;
import dev.settle.workflows.callback.DeliveryResult;
import dev.settle.workflows.callback.Notification;
import dev.settle.workflows.ledger.LedgerActivities;
import dev.settle.workflows.ledger.PostingResult;
import dev.settle.workflows.operation.Attempt;
import dev.settle.workflows.operation.ExecutionOutcome;
import dev.settle.workflows.operation.OperationStatus;
import dev.settle.workflows.reconciliation.PolicyActivities;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.mockito.ArgumentCaptor;

/** Client callbacks of payments, on the in-memory server with time skipping. */
class PaymentCallbackTest {
  static final String URL = "https://client.example/settle-callbacks";
  static final CallbackPolicy CALLBACKS =
      new CallbackPolicy(
          Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofDays(1));

  final PaymentActivities upstream =
      mock(PaymentActivities.class, withSettings().withoutAnnotations());
  final LedgerActivities ledger = mock(LedgerActivities.class, withSettings().withoutAnnotations());
  final PolicyActivities policies =
      mock(PolicyActivities.class, withSettings().withoutAnnotations());
  final CallbackActivities callbacks =
      mock(CallbackActivities.class, withSettings().withoutAnnotations());
  PaymentWorkflowHarness harness;

  @BeforeEach
  void start(TestInfo test) {
    harness = new PaymentWorkflowHarness(test.getTestMethod().orElseThrow().getName());
    when(policies.reconciliationPolicy(any())).thenReturn(PaymentWorkflowTest.POLICY);
    when(policies.callbackPolicy(any())).thenReturn(CALLBACKS);
    when(ledger.post(any())).thenReturn(new PostingResult(true, 2));
    when(upstream.charge(any())).thenReturn(PaymentWorkflowTest.applied());
    harness.start(upstream, ledger, policies, callbacks);
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void callbackDeliveredOnceTheFinalStatusIsKnown() {
    when(callbacks.deliver(any())).thenReturn(new DeliveryResult(true, 204, "HTTP 204"));

    PaymentState state = harness.run(request());

    ArgumentCaptor<Notification> sent = ArgumentCaptor.forClass(Notification.class);
    verify(callbacks).deliver(sent.capture());
    assertThat(sent.getValue())
        .isEqualTo(
            new Notification(
                URL,
                "key-1",
                "PAYMENT",
                "CONFIRMED",
                new BigDecimal("12.50"),
                "EUR",
                state.decidedAt(),
                1));
    assertThat(state.status()).isEqualTo(OperationStatus.CONFIRMED);
    assertThat(state.callback().status()).isEqualTo(CallbackStatus.DELIVERED);
    assertThat(state.callback().attempts()).isEqualTo(1);
    assertThat(state.callback().deliveredAt()).isNotNull();
    // The operation's own evidence trail is final with its status: the callback is kept apart.
    assertThat(state.attempts())
        .extracting(Attempt::step)
        .containsExactly(Attempt.Step.CHARGE, Attempt.Step.LEDGER);
    assertThat(harness.searchAttributeCallbackStatus()).isEqualTo("DELIVERED");
  }

  @Test
  void callbackRetriedWithBackoffThenDelivered() {
    when(callbacks.deliver(any()))
        .thenReturn(new DeliveryResult(false, 503, "HTTP 503"))
        .thenReturn(
            new DeliveryResult(false, 0, "java.net.http.HttpTimeoutException: request timed out"))
        .thenReturn(new DeliveryResult(true, 200, "HTTP 200"));

    PaymentState state = harness.run(request());

    verify(callbacks, times(3)).deliver(any());
    assertThat(state.callback().status()).isEqualTo(CallbackStatus.DELIVERED);
    assertThat(state.callback().attempts()).isEqualTo(3);
    assertThat(callbackOutcomes(state)).containsExactly("HTTP_503", "NO_ANSWER", "DELIVERED");
    // 1 s then 2 s of backoff between the three attempts.
    List<CallbackAttempt> tries = state.callback().history();
    assertThat(Duration.between(tries.get(0).at(), tries.get(2).at()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    assertThat(harness.searchAttributeCallbackStatus()).isEqualTo("DELIVERED");
  }

  @Test
  void callbackFailingPastTheHorizonStaysVisibleAndAnOperatorCanRedeliver() {
    when(callbacks.deliver(any())).thenReturn(new DeliveryResult(false, 500, "HTTP 500"));
    harness.startAsync(request());
    harness.sleep(Duration.ofMinutes(11)); // skips time past the 10 min horizon

    PaymentState failed =
        harness.awaitState(
            s -> s.callback() != null && s.callback().status() == CallbackStatus.FAILED);
    assertThat(failed.status()).isEqualTo(OperationStatus.CONFIRMED);
    assertThat(harness.searchAttributeCallbackStatus()).isEqualTo("FAILED");
    // 1+2+4+...+60 s capped: the attempts stop at the 10 min horizon instead of going on forever.
    assertThat(failed.callback().attempts()).isBetween(10, 20);
    int attemptsWhenFailed = failed.callback().attempts();

    when(callbacks.deliver(any())).thenReturn(new DeliveryResult(true, 200, "HTTP 200"));
    harness.redeliverCallback();
    PaymentState state = harness.result();

    assertThat(state.callback().status()).isEqualTo(CallbackStatus.DELIVERED);
    assertThat(state.callback().attempts()).isEqualTo(attemptsWhenFailed + 1);
    assertThat(callbackOutcomes(state)).contains("REDELIVER_REQUESTED").endsWith("DELIVERED");
    assertThat(harness.searchAttributeCallbackStatus()).isEqualTo("DELIVERED");
  }

  @Test
  void callbackFailedIsLeftFailedWhenTheRedeliveryWindowCloses() {
    when(upstream.charge(any()))
        .thenReturn(
            new ChargeResult(ExecutionOutcome.REJECTED, null, 402, "HTTP 402: insufficient funds"));
    when(callbacks.deliver(any())).thenReturn(new DeliveryResult(false, 404, "HTTP 404"));

    PaymentState state = harness.run(request());

    assertThat(state.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(state.callback().status()).isEqualTo(CallbackStatus.FAILED);
    assertThat(harness.searchAttributeCallbackStatus()).isEqualTo("FAILED");
    ArgumentCaptor<Notification> sent = ArgumentCaptor.forClass(Notification.class);
    verify(callbacks, times(state.callback().attempts())).deliver(sent.capture());
    assertThat(sent.getAllValues()).extracting(Notification::status).containsOnly("FAILED");
  }

  @Test
  void withoutCallbackUrlNothingIsDelivered() {
    PaymentState state = harness.run(PaymentWorkflowTest.request());

    assertThat(state.callback()).isNull();
    verify(callbacks, never()).deliver(any());
    verify(policies, never()).callbackPolicy(any());
    assertThat(harness.searchAttributeCallbackStatus()).isNull();
  }

  static PaymentRequest request() {
    return new PaymentRequest(
        "demo", "key-1", "alice", "bob", new BigDecimal("12.50"), "EUR", "fp-1", "req-1", URL);
  }

  private static List<String> callbackOutcomes(PaymentState state) {
    return state.callback().history().stream().map(CallbackAttempt::outcome).toList();
  }
}
