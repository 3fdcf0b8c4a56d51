package dev.settle.gateway.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.settle.gateway.GatewayProperties;
import dev.settle.gateway.operation.OperationSubmissions.Intent;
import dev.settle.gateway.operation.OperationSubmissions.Submission;
import dev.settle.gateway.problem.ApiException;
import dev.settle.workflows.operation.DecisionWait;
import dev.settle.workflows.operation.OperationSnapshot;
import io.grpc.Status;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * When no worker takes the update within the budget (the worker is down), the update's validator
 * has not compared the payloads: the gateway answers from what it can read, and a different payload
 * must still get 422, not the other payload's operation (found by the chaos run, seed 1).
 */
class OperationSubmissionsTest {
  static final String WORKFLOW_ID = "demo/k-1";

  final OperationReader reader = mock(OperationReader.class);
  final OperationSubmissions submissions =
      new OperationSubmissions(
          reader,
          new GatewayProperties(
              Duration.ofMillis(20),
              Duration.ofSeconds(1),
              4,
              Duration.ofSeconds(2),
              Duration.ofHours(24)));

  @AfterEach
  void stop() {
    submissions.stop();
  }

  /** The update-with-start call of a stack with no worker: it does not return within the budget. */
  static OperationSnapshot noWorker() {
    try {
      Thread.sleep(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  static Intent intent(String fingerprint) {
    return new Intent("demo", "k-1", fingerprint, "request-2", "PAYMENT", "payments");
  }

  static OperationSnapshot running(String fingerprint) {
    OperationSnapshot state = mock(OperationSnapshot.class);
    when(state.fingerprint()).thenReturn(fingerprint);
    when(state.startedByRequest()).thenReturn("request-1");
    return state;
  }

  @Test
  void aDifferentPayloadIs422EvenWithoutAWorker() {
    OperationSnapshot state = running("first");
    when(reader.read(WORKFLOW_ID)).thenReturn(Optional.of(state));

    ApiException refused =
        catchThrowableOfType(
            ApiException.class, () -> submissions.submit(intent("other"), (o, w) -> noWorker()));

    assertThat(refused.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(refused.kind()).isEqualTo("idempotency-key-reused");
  }

  @Test
  void aDifferentPayloadIs422WhenOnlyTheVisibilityRecordAnswers() {
    OperationSnapshot state = running(null);
    when(reader.read(WORKFLOW_ID)).thenReturn(Optional.of(state));
    when(reader.startFingerprint(WORKFLOW_ID)).thenReturn(Optional.of("first"));

    ApiException refused =
        catchThrowableOfType(
            ApiException.class, () -> submissions.submit(intent("other"), (o, w) -> noWorker()));

    assertThat(refused.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
  }

  @Test
  void theSamePayloadAttachesToTheOperationWithoutAWorker() {
    OperationSnapshot state = running(null);
    when(reader.read(WORKFLOW_ID)).thenReturn(Optional.of(state));
    when(reader.startFingerprint(WORKFLOW_ID)).thenReturn(Optional.of("first"));

    Submission submission = submissions.submit(intent("first"), (o, w) -> noWorker());

    assertThat(submission.state()).isSameAs(state);
    assertThat(submission.replayed()).isTrue();
  }

  @Test
  void aStateWithItsFingerprintNeedsNoHistoryRead() {
    OperationSnapshot state = running("first");
    when(reader.read(WORKFLOW_ID)).thenReturn(Optional.of(state));

    assertThat(submissions.submit(intent("first"), (o, w) -> noWorker()).state()).isSameAs(state);
    verify(reader, never()).startFingerprint(WORKFLOW_ID);
  }

  @Test
  void whenThePayloadCannotBeComparedTheAnswerIs503AndARetryIsSafe() {
    OperationSnapshot state = running(null);
    when(reader.read(WORKFLOW_ID)).thenReturn(Optional.of(state));
    when(reader.startFingerprint(WORKFLOW_ID)).thenReturn(Optional.empty());

    ApiException refused =
        catchThrowableOfType(
            ApiException.class, () -> submissions.submit(intent("first"), (o, w) -> noWorker()));

    assertThat(refused.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(refused.kind()).isEqualTo("engine-unavailable");
  }

  /** What Temporal answers when the workflow task that was to run the update failed. */
  static OperationSnapshot updateDropped() {
    throw Status.FAILED_PRECONDITION
        .withDescription(
            "Unable to perform workflow execution update due to unexpected workflow task failure.")
        .asRuntimeException();
  }

  @Test
  void anUpdateDroppedWithAFailedWorkflowTaskAnswersTheOperationsStateNot503() {
    OperationSnapshot state = running("first");
    when(state.startedByRequest()).thenReturn("request-2");
    when(reader.read(WORKFLOW_ID)).thenReturn(Optional.of(state));

    Submission submission = submissions.submit(intent("first"), (o, w) -> updateDropped());

    assertThat(submission.state()).isSameAs(state);
    assertThat(submission.replayed()).isFalse();
  }

  @Test
  void anUpdateDroppedStillRefusesADifferentPayload() {
    OperationSnapshot state = running("first");
    when(reader.read(WORKFLOW_ID)).thenReturn(Optional.of(state));

    ApiException refused =
        catchThrowableOfType(
            ApiException.class,
            () -> submissions.submit(intent("other"), (o, w) -> updateDropped()));

    assertThat(refused.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
  }

  @Test
  void aHotKeyPastTemporalsLimitOfWaitingUpdatesIsAnsweredFromItsState() {
    OperationSnapshot state = running("first");
    when(reader.read(WORKFLOW_ID)).thenReturn(Optional.of(state));

    Submission submission =
        submissions.submit(
            intent("first"),
            (o, w) -> {
              throw Status.RESOURCE_EXHAUSTED
                  .withDescription(
                      "limit on number of concurrent in-flight updates has been reached (10)")
                  .asRuntimeException();
            });

    assertThat(submission.state()).isSameAs(state);
  }

  @Test
  void theGatewayKeepsTheBudgetSoTheWorkflowAddsNoTimer() {
    OperationSnapshot state = running("first");
    AtomicReference<DecisionWait> sent = new AtomicReference<>();

    submissions.submit(
        intent("first"),
        (o, w) -> {
          sent.set(w);
          return state;
        });

    assertThat(sent.get().waitedByCaller()).isTrue();
    assertThat(sent.get().fingerprint()).isEqualTo("first");
  }
}
