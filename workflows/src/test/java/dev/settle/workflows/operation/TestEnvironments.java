package dev.settle.workflows.operation;

import io.temporal.client.WorkflowClientOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;

/**
 * The in-memory test server every workflow test runs on: Settle's payload converter and search
 * attributes, and a worker on Settle's task queue.
 */
public final class TestEnvironments {
  /**
   * The SDK fails a workflow task whose thread runs 1 s without yielding ("potential deadlock"). On
   * a CI machine busy with other builds the first task (class loading, JIT) can take that long, and
   * the retried task then moves the time-skipping clock; a generous limit keeps the tests about the
   * workflow, not the machine.
   */
  public static final WorkerOptions UNDER_LOAD =
      WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(30_000).build();

  private TestEnvironments() {}

  /** Options with Settle's payload converter, for a test to add its own to. */
  public static TestEnvironmentOptions.Builder options() {
    return TestEnvironmentOptions.newBuilder()
        .setWorkflowClientOptions(
            WorkflowClientOptions.newBuilder()
                .setDataConverter(SettlePayloads.dataConverter())
                .build());
  }

  public static TestWorkflowEnvironment create() {
    return create(options());
  }

  /** A test server knowing the search attributes of deploy/temporal/search-attributes.txt. */
  public static TestWorkflowEnvironment create(TestEnvironmentOptions.Builder options) {
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(options.build());
    TestSearchAttributes.registerAll(env);
    return env;
  }

  public static Worker worker(TestWorkflowEnvironment env) {
    return env.newWorker(SettleNames.TASK_QUEUE, UNDER_LOAD);
  }
}
