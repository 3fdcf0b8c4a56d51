package dev.settle.gateway.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.settle.workflows.discrepancy.Acknowledgement;
import dev.settle.workflows.discrepancy.DiscrepancyCase;
import dev.settle.workflows.discrepancy.DiscrepancyReport;
import dev.settle.workflows.operation.SettleNames;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowQueryRejectedException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Finding an operation's case, and what opens a new one. */
class DiscrepancyCasesTest {
  static final String CASE = SettleNames.DISCREPANCY_ID_PREFIX + "demo/k";

  final WorkflowClient client = mock(WorkflowClient.class);
  final WorkflowStub existing = mock(WorkflowStub.class);
  final WorkflowStub starter = mock(WorkflowStub.class);
  final DiscrepancyCases cases = new DiscrepancyCases(client, TestReaders.over(client));
  final DiscrepancyReport report =
      new DiscrepancyReport("webhook", "it FAILED but settled", "…", "fact-1", "FAILED", null);

  WorkflowExecutionDescription caseIs(WorkflowExecutionStatus status) {
    WorkflowExecutionDescription description = mock(WorkflowExecutionDescription.class);
    when(description.getStatus()).thenReturn(status);
    when(description.getStartTime()).thenReturn(Instant.parse("2026-12-01T00:00:00Z"));
    when(description.getTypedSearchAttributes()).thenReturn(SearchAttributes.EMPTY);
    when(client.newUntypedWorkflowStub(CASE)).thenReturn(existing);
    when(existing.describe()).thenReturn(description);
    when(client.newUntypedWorkflowStub(anyString(), any(WorkflowOptions.class)))
        .thenReturn(starter);
    return description;
  }

  static DiscrepancyCase acknowledged(String fact) {
    return new DiscrepancyCase(
        "demo/k",
        "demo",
        Instant.parse("2026-12-01T00:00:00Z"),
        List.of(new DiscrepancyReport("webhook", "d", "e", fact, "FAILED", Instant.now())),
        1,
        new Acknowledgement("ops", "refunded", Instant.now()));
  }

  @Test
  void evidenceAnOperatorAlreadyAcknowledgedDoesNotReopenTheCase() {
    caseIs(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    when(existing.getResult(DiscrepancyCase.class)).thenReturn(acknowledged("fact-1"));

    cases.report("demo/k", "demo", report);

    verify(starter, never()).signalWithStart(anyString(), any(), any());
  }

  @Test
  void aNewContradictionAfterAnAcknowledgedCaseOpensANewOne() {
    caseIs(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    when(existing.getResult(DiscrepancyCase.class)).thenReturn(acknowledged("fact-0"));

    cases.report("demo/k", "demo", report);

    verify(starter)
        .signalWithStart(
            org.mockito.ArgumentMatchers.eq(SettleNames.DISCREPANCY_REPORT_SIGNAL), any(), any());
  }

  @Test
  void anOpenCaseNoWorkerAnswersForIsStillShownOpen() {
    caseIs(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    when(existing.query(SettleNames.STATE_QUERY, DiscrepancyCase.class))
        .thenThrow(
            new WorkflowQueryRejectedException(
                io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                    .setWorkflowId(CASE)
                    .build(),
                "DiscrepancyWorkflow",
                null));

    DiscrepancyCase found = cases.find("demo/k").orElseThrow();

    assertThat(found.open()).isTrue();
    assertThat(found.openedAt()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(found.reportCount()).isZero();
  }
}
