package dev.settle.workflows.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.m3.tally.NoopScope;
import com.uber.m3.tally.Scope;
import dev.settle.workflows.operation.DecisionWait;
import dev.settle.workflows.operation.OperationSearchAttributes;
import dev.settle.workflows.operation.Resolution;
import dev.settle.workflows.operation.SettleNames;
import dev.settle.workflows.operation.TestEnvironments;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Runs one payment workflow on the in-memory test server. With {@code
 * -Dsettle.recordHistories=true} it writes the finished workflow's history to
 * src/test/resources/histories, the input of the replay test.
 */
final class PaymentWorkflowHarness implements AutoCloseable {
  static final Path HISTORIES = Path.of("src/test/resources/histories");

  private final String name;
  private final TestWorkflowEnvironment env;
  private final WorkflowClient client;
  private PaymentWorkflow workflow;
  private String workflowId;

  PaymentWorkflowHarness(String name) {
    this(name, new NoopScope());
  }

  /** With the worker's metrics going to {@code metrics} and its calls through {@code around}. */
  PaymentWorkflowHarness(String name, Scope metrics, WorkerInterceptor... around) {
    this.name = name;
    this.env =
        TestEnvironments.create(
            TestEnvironments.options()
                .setMetricsScope(metrics)
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder().setWorkerInterceptors(around).build()));
    this.client = env.getWorkflowClient();
  }

  void start(Object... activities) {
    Worker worker = TestEnvironments.worker(env);
    worker.registerWorkflowImplementationTypes(PaymentWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();
  }

  private PaymentWorkflow stub(PaymentRequest request) {
    workflowId = request.operationId();
    workflow =
        client.newWorkflowStub(
            PaymentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(SettleNames.TASK_QUEUE)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    return workflow;
  }

  PaymentState run(PaymentRequest request) {
    stub(request).pay(request);
    return result();
  }

  void startAsync(PaymentRequest request) {
    WorkflowClient.start(stub(request)::pay, request);
  }

  PaymentState updateWithStart(PaymentRequest request, DecisionWait wait) {
    PaymentWorkflow typed = stub(request);
    return WorkflowClient.executeUpdateWithStart(
        typed::awaitDecision,
        wait,
        UpdateOptions.<PaymentState>newBuilder()
            .setWaitForStage(WorkflowUpdateStage.COMPLETED)
            .build(),
        new WithStartWorkflowOperation<>(typed::pay, request));
  }

  PaymentState update(DecisionWait wait) {
    return workflow.awaitDecision(wait);
  }

  PaymentState result() {
    PaymentState state = WorkflowStub.fromTyped(workflow).getResult(PaymentState.class);
    recordHistory();
    return state;
  }

  /** Polls the query without skipping time, so only what the workflow does by itself happens. */
  PaymentState awaitState(Predicate<PaymentState> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    PaymentState state = workflow.state();
    while (!condition.test(state)) {
      assertThat(System.nanoTime()).as("state never matched; last: %s", state).isLessThan(deadline);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      state = workflow.state();
    }
    return state;
  }

  void signalReconcile() {
    workflow.reconcile();
  }

  void redeliverCallback() {
    workflow.redeliverCallback();
  }

  String searchAttributeCallbackStatus() {
    return WorkflowStub.fromTyped(workflow)
        .describe()
        .getTypedSearchAttributes()
        .get(OperationSearchAttributes.CALLBACK_STATUS);
  }

  void resolve(Resolution resolution) {
    workflow.resolve(resolution);
  }

  void evidence(Evidence evidence) {
    workflow.evidence(evidence);
  }

  void sleep(Duration duration) {
    env.sleep(duration);
  }

  long now() {
    return env.currentTimeMillis();
  }

  WorkflowClient client() {
    return client;
  }

  String searchAttributeStatus() {
    return WorkflowStub.fromTyped(workflow)
        .describe()
        .getTypedSearchAttributes()
        .get(OperationSearchAttributes.OPERATION_STATUS);
  }

  private void recordHistory() {
    if (!Boolean.getBoolean("settle.recordHistories")) {
      return;
    }
    try {
      Files.createDirectories(HISTORIES);
      Files.writeString(
          HISTORIES.resolve("payment-" + name + ".json"),
          client.fetchHistory(workflowId).toJson(true));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    env.close();
  }
}
