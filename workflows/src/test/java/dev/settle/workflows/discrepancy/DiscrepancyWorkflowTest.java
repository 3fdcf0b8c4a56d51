package dev.settle.workflows.discrepancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.settle.workflows.operation.OperationSearchAttributes;
import dev.settle.workflows.operation.SettleNames;
import dev.settle.workflows.operation.TestEnvironments;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** A discrepancy case stays open, bounded, until an operator acknowledges it. */
class DiscrepancyWorkflowTest {
  static final Path HISTORIES = Path.of("src/test/resources/histories");
  static final String OPERATION = "demo/order-7";
  static final String CASE = SettleNames.DISCREPANCY_ID_PREFIX + OPERATION;

  TestWorkflowEnvironment env;
  WorkflowClient client;
  String name;

  @BeforeEach
  void start(TestInfo test) {
    name = test.getTestMethod().orElseThrow().getName();
    env = TestEnvironments.create();
    Worker worker = TestEnvironments.worker(env);
    worker.registerWorkflowImplementationTypes(DiscrepancyWorkflowImpl.class);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  /** As the gateway opens a case, or adds to one: signal-with-start. */
  void report(String fact, String discrepancy) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            DiscrepancyWorkflow.class.getSimpleName(),
            WorkflowOptions.newBuilder()
                .setWorkflowId(CASE)
                .setTaskQueue(SettleNames.TASK_QUEUE)
                .setTypedSearchAttributes(
                    SearchAttributes.newBuilder()
                        .set(
                            OperationSearchAttributes.OPERATION_TYPE,
                            SettleNames.OPERATION_TYPE_DISCREPANCY)
                        .set(OperationSearchAttributes.DISCREPANCY_OF, OPERATION)
                        .build())
                .build());
    stub.signalWithStart(
        SettleNames.DISCREPANCY_REPORT_SIGNAL,
        new Object[] {
          new DiscrepancyReport("webhook", discrepancy, "settled pay_9", fact, "FAILED", null)
        },
        new Object[] {DiscrepancyCase.about(OPERATION, "demo")});
  }

  DiscrepancyWorkflow open() {
    return client.newWorkflowStub(DiscrepancyWorkflow.class, CASE);
  }

  @Test
  void aCaseHoldsEachContradictionOnceUntilAnOperatorAcknowledgesIt() throws IOException {
    report("webhook:evt_1", "the operation FAILED but the upstream settled pay_9");
    report("webhook:evt_1", "the operation FAILED but the upstream settled pay_9");
    report("statement:line-4", "the operation FAILED but the upstream settled pay_9");
    env.sleep(Duration.ofDays(3));

    DiscrepancyCase open = open().state();
    assertThat(open.open()).isTrue();
    assertThat(open.operationId()).isEqualTo(OPERATION);
    assertThat(open.clientId()).isEqualTo("demo");
    assertThat(open.openedAt()).isNotNull();
    assertThat(open.reportCount()).isEqualTo(2);
    assertThat(open.reports())
        .extracting(DiscrepancyReport::fact)
        .containsExactly("webhook:evt_1", "statement:line-4");
    assertThat(open.reports()).allSatisfy(r -> assertThat(r.receivedAt()).isNotNull());
    WorkflowStub stub = client.newUntypedWorkflowStub(CASE);
    assertThat(stub.describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(
            stub.describe()
                .getTypedSearchAttributes()
                .get(OperationSearchAttributes.DISCREPANCY_OF))
        .isEqualTo(OPERATION);

    open().acknowledge(new Acknowledgement("ops-anna", "refunded pay_9 by hand", null));
    DiscrepancyCase closed = stub.getResult(DiscrepancyCase.class);
    assertThat(closed.open()).isFalse();
    assertThat(closed.acknowledgement().by()).isEqualTo("ops-anna");
    assertThat(closed.acknowledgement().note()).isEqualTo("refunded pay_9 by hand");
    assertThat(closed.acknowledgement().at()).isAfter(open.openedAt());
    assertThat(closed.reportCount()).isEqualTo(2);
    recordHistory();
  }

  @Test
  void aSenderRepeatingItselfForeverNeitherGrowsTheCaseNorItsHistoryPastBounds() {
    // Each report is at least its signal's event, however the server batches them into tasks: this
    // many is sure to pass one run's bound.
    int reports = DiscrepancyWorkflowImpl.EVENTS_PER_RUN + 100;
    for (int i = 0; i < reports; i++) {
      report("statement:line-" + i, "the operation FAILED but the upstream settled pay_" + i);
    }
    DiscrepancyCase open = open().state();
    assertThat(open.reportCount()).isEqualTo(reports);
    assertThat(open.reports()).hasSize(DiscrepancyCase.RECENT_REPORTS);
    assertThat(open.latest().fact()).isEqualTo("statement:line-" + (reports - 1));
    assertThat(open.openedAt()).isNotNull();
    // It went on as new at least once, and no run of it came near Temporal's event limit.
    WorkflowStub stub = client.newUntypedWorkflowStub(CASE);
    String runId = stub.describe().getExecution().getRunId();
    assertThat(client.fetchHistory(CASE, runId).getHistory().getEventsCount())
        .isLessThan(DiscrepancyWorkflowImpl.EVENTS_PER_RUN + 50);
    assertThat(
            client
                .fetchHistory(CASE)
                .getHistory()
                .getEvents(0)
                .getWorkflowExecutionStartedEventAttributes()
                .getContinuedExecutionRunId())
        .isNotEmpty();
  }

  private void recordHistory() throws IOException {
    if (Boolean.getBoolean("settle.recordHistories")) {
      Files.createDirectories(HISTORIES);
      Files.writeString(
          HISTORIES.resolve("discrepancy-" + name + ".json"),
          client.fetchHistory(CASE).toJson(true));
    }
  }
}
