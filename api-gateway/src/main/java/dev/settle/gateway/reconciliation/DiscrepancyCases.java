package dev.settle.gateway.reconciliation;

import static dev.settle.workflows.operation.OperationSearchAttributes.CLIENT_ID;
import static dev.settle.workflows.operation.OperationSearchAttributes.DISCREPANCY_OF;
import static dev.settle.workflows.operation.OperationSearchAttributes.OPERATION_TYPE;

import dev.settle.gateway.operation.OperationReader;
import dev.settle.workflows.discrepancy.DiscrepancyCase;
import dev.settle.workflows.discrepancy.DiscrepancyReport;
import dev.settle.workflows.discrepancy.DiscrepancyWorkflow;
import dev.settle.workflows.operation.SettleNames;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The discrepancy cases operators work through: one per operation whose outcome the upstream's
 * evidence contradicts, a {@link DiscrepancyWorkflow} open until acknowledged. A closed operation
 * takes no signals and an open one that is final ignores evidence, so the case is where such
 * evidence stays visible.
 */
@Component
public class DiscrepancyCases {
  static final String WORKFLOW_TYPE = DiscrepancyWorkflow.class.getSimpleName();

  /** Open cases, as the gauge counts them and an operator lists them. */
  public static final String OPEN =
      DISCREPANCY_OF.getName() + " IS NOT NULL AND ExecutionStatus = 'Running'";

  private final WorkflowClient client;
  private final OperationReader reader;

  public DiscrepancyCases(WorkflowClient client, OperationReader reader) {
    this.client = client;
    this.reader = reader;
  }

  public static String caseId(String operationId) {
    return SettleNames.DISCREPANCY_ID_PREFIX + operationId;
  }

  /**
   * Opens the operation's case with this report, or adds it to the open one. A report an operator
   * already acknowledged (a statement imported again) does not open a new case; any other does.
   */
  public void report(String operationId, String clientId, DiscrepancyReport report) {
    WorkflowStub existing = client.newUntypedWorkflowStub(caseId(operationId));
    boolean acknowledged =
        describe(existing)
            .filter(
                d -> d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED)
            .map(d -> existing.getResult(DiscrepancyCase.class))
            .filter(c -> !c.open())
            .filter(c -> c.reports().stream().anyMatch(r -> report.fact().equals(r.fact())))
            .isPresent();
    if (acknowledged) {
      return;
    }
    SearchAttributes.Builder attributes =
        SearchAttributes.newBuilder()
            .set(OPERATION_TYPE, SettleNames.OPERATION_TYPE_DISCREPANCY)
            .set(DISCREPANCY_OF, operationId);
    if (clientId != null) {
      attributes.set(CLIENT_ID, clientId);
    }
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            WORKFLOW_TYPE,
            WorkflowOptions.newBuilder()
                .setWorkflowId(caseId(operationId))
                .setTaskQueue(SettleNames.TASK_QUEUE)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .setTypedSearchAttributes(attributes.build())
                .build());
    stub.signalWithStart(
        SettleNames.DISCREPANCY_REPORT_SIGNAL,
        new Object[] {report},
        new Object[] {DiscrepancyCase.about(operationId, clientId)});
  }

  /** The operation's latest case, open or acknowledged; empty if nothing ever contradicted it. */
  public Optional<DiscrepancyCase> find(String operationId) {
    String id = caseId(operationId);
    WorkflowStub stub = client.newUntypedWorkflowStub(id);
    return describe(stub)
        .flatMap(
            description ->
                switch (description.getStatus()) {
                  case WORKFLOW_EXECUTION_STATUS_RUNNING ->
                      Optional.of(
                          reader
                              .query(stub, DiscrepancyCase.class, id)
                              .orElseGet(() -> unread(operationId, description)));
                  case WORKFLOW_EXECUTION_STATUS_COMPLETED ->
                      Optional.of(stub.getResult(DiscrepancyCase.class));
                  default -> Optional.empty();
                });
  }

  /**
   * No worker to answer (stopped, or restarting) must not fail the operation's status: the case is
   * open since it started, its reports unread for now.
   */
  private static DiscrepancyCase unread(
      String operationId, WorkflowExecutionDescription description) {
    return new DiscrepancyCase(
        operationId,
        description.getTypedSearchAttributes().get(CLIENT_ID),
        description.getStartTime(),
        List.of(),
        0,
        null);
  }

  /** Empty when the operation never had a case. */
  private static Optional<WorkflowExecutionDescription> describe(WorkflowStub stub) {
    try {
      return Optional.of(stub.describe());
    } catch (RuntimeException e) {
      if (OperationReader.isNotFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** How many cases no operator has acknowledged yet. */
  public long countOpen() {
    return client.countWorkflows(OPEN).getCount();
  }
}
