package dev.settle.bench.floor;

import dev.settle.bench.BenchNames;
import dev.settle.bench.load.Operation;
import dev.settle.bench.load.Scenario;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.WorkerFactory;
import java.util.concurrent.TimeUnit;

/**
 * A no-op workflow started and awaited with the SDK client, served by a worker inside the bench JVM
 * on its own task queue: what the dev server itself can do on this machine, the ceiling for any
 * workflow above it.
 */
public final class FloorScenario implements Scenario, AutoCloseable {
  private final WorkflowClient client;
  private final String runId;
  private final WorkerFactory workers;

  public FloorScenario(WorkflowClient client, String runId) {
    this.client = client;
    this.runId = runId;
    this.workers = WorkerFactory.newInstance(client);
    workers
        .newWorker(BenchNames.FLOOR_TASK_QUEUE)
        .registerWorkflowImplementationTypes(NoopWorkflowImpl.class);
    workers.start();
  }

  @Override
  public String name() {
    return "floor";
  }

  @Override
  public boolean usesSettleWorker() {
    return false;
  }

  @Override
  public String workflowIdPrefix() {
    return BenchNames.KEY_PREFIX + runId + "-floor-";
  }

  @Override
  public Operation operation() {
    return (seq, marks) -> {
      String id = BenchNames.KEY_PREFIX + runId + "-floor-" + seq;
      NoopWorkflow workflow =
          client.newWorkflowStub(
              NoopWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(id)
                  .setTaskQueue(BenchNames.FLOOR_TASK_QUEUE)
                  .build());
      WorkflowClient.start(workflow::run, id);
      String result =
          WorkflowStub.fromTyped(workflow).getResult(60, TimeUnit.SECONDS, String.class);
      if (!id.equals(result)) {
        throw new IllegalStateException("no-op workflow returned " + result);
      }
    };
  }

  @Override
  public void close() {
    workers.shutdown();
    workers.awaitTermination(10, TimeUnit.SECONDS);
  }
}
