package dev.settle.activities.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadlockDetectionCustomizerTest {
  static final String QUEUE = "deadlock-detection-test";

  /**
   * Stands for a first workflow task that is slow without being stuck (class loading on a busy
   * machine).
   */
  @WorkflowInterface
  public interface SlowFirstTask {
    @WorkflowMethod
    String run();
  }

  public static class SlowFirstTaskImpl implements SlowFirstTask {
    @Override
    public String run() {
      long until = System.nanoTime() + Duration.ofMillis(1_500).toNanos();
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      return "done";
    }
  }

  final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();

  @AfterEach
  void close() {
    env.close();
  }

  @Test
  void theConfiguredLimitLetsASlowTaskThroughWithoutAFailedTask() {
    WorkerOptions options =
        new DeadlockDetectionCustomizer(new WorkflowTaskProperties(Duration.ofSeconds(5)))
            .customize(WorkerOptions.newBuilder(), "worker", QUEUE)
            .build();
    assertThat(options.getDefaultDeadlockDetectionTimeout()).isEqualTo(5_000);

    String workflowId = start(options);
    SlowFirstTask stub = env.getWorkflowClient().newWorkflowStub(SlowFirstTask.class, workflowId);

    assertThat(WorkflowClient.execute(stub::run).join()).isEqualTo("done");
    assertThat(eventTypes(workflowId)).doesNotContain(EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
  }

  @Test
  void theSdkDefaultFailsTheSameTaskAsAPotentialDeadlock() {
    String workflowId = start(WorkerOptions.newBuilder().build());

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> eventTypes(workflowId).contains(EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED));
  }

  private String start(WorkerOptions options) {
    Worker worker = env.newWorker(QUEUE, options);
    worker.registerWorkflowImplementationTypes(SlowFirstTaskImpl.class);
    env.start();
    String workflowId = "slow-" + System.nanoTime();
    SlowFirstTask stub =
        env.getWorkflowClient()
            .newWorkflowStub(
                SlowFirstTask.class,
                WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(QUEUE).build());
    WorkflowClient.start(stub::run);
    return workflowId;
  }

  private List<EventType> eventTypes(String workflowId) {
    return env.getWorkflowClient().fetchHistory(workflowId).getEvents().stream()
        .map(HistoryEvent::getEventType)
        .toList();
  }
}
