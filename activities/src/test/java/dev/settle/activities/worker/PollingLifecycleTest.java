package dev.settle.activities.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.grpc.Status;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class PollingLifecycleTest {
  final WorkerFactory factory = mock(WorkerFactory.class);
  final NamespaceProbe probe = mock(NamespaceProbe.class);
  final WorkerLifecycleProperties properties =
      new WorkerLifecycleProperties(
          Duration.ofMillis(10),
          Duration.ofMillis(40),
          Duration.ofSeconds(1),
          Duration.ofSeconds(7));
  final PollingLifecycle lifecycle = new PollingLifecycle(factory, probe, properties);

  @Test
  void keepsTryingUntilTemporalAnswersThenPollsOnce() {
    doThrow(Status.UNAVAILABLE.asRuntimeException())
        .doThrow(Status.UNAVAILABLE.asRuntimeException())
        .doThrow(Status.NOT_FOUND.asRuntimeException())
        .doNothing()
        .when(probe)
        .check();

    lifecycle.start();

    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> verify(factory).start());
    verify(probe, times(4)).check();
    assertThat(lifecycle.isRunning()).isTrue();
  }

  @Test
  void stopBeforeTemporalAnswersEndsTheRetriesWithoutPolling() throws InterruptedException {
    doThrow(Status.UNAVAILABLE.asRuntimeException()).when(probe).check();
    lifecycle.start();
    Thread.sleep(100);

    lifecycle.stop();
    Thread.sleep(100);

    verify(factory, never()).start();
    verify(factory, never()).shutdown();
    assertThat(lifecycle.isRunning()).isFalse();
  }

  @Test
  void stopEndsPollingAndWaitsForTasksInFlightBeforeInterruptingThem() {
    when(factory.isStarted()).thenReturn(true);
    when(factory.isTerminated()).thenReturn(false, false, true);

    lifecycle.stop();

    InOrder order = inOrder(factory);
    order.verify(factory).shutdown();
    order.verify(factory).awaitTermination(7000, TimeUnit.MILLISECONDS);
    order.verify(factory).shutdownNow();
    order.verify(factory).awaitTermination(eq(5L), eq(TimeUnit.SECONDS));
  }

  @Test
  void aDrainThatEndsInTimeInterruptsNothing() {
    when(factory.isStarted()).thenReturn(true);
    when(factory.isTerminated()).thenReturn(false, true);

    lifecycle.stop();

    verify(factory).shutdown();
    verify(factory).awaitTermination(anyLong(), eq(TimeUnit.MILLISECONDS));
    verify(factory, never()).shutdownNow();
  }
}
