package dev.settle.gateway.operation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.settle.workflows.operation.OperationSnapshot;
import dev.settle.workflows.operation.OperationStatus;
import dev.settle.workflows.payment.PaymentState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EndedWorkflowsTest {
  static final Instant CLOSED = Instant.parse("2026-01-02T00:00:00Z");

  @Test
  void anUnknownPaymentWhoseWorkflowWasTerminatedIsFailedTerminated() {
    PaymentState ended =
        (PaymentState)
            EndedWorkflows.asFinal(
                ResolveApiTest.state(OperationStatus.UNKNOWN),
                WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED,
                CLOSED);
    assertThat(ended.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(ended.failureCode()).isEqualTo("terminated");
    assertThat(ended.failureDetail()).contains("UNKNOWN").contains("not known");
    assertThat(ended.decidedAt()).isEqualTo(CLOSED);
    assertThat(ended.nextReconcileAt()).isNull();
    assertThat(ended.fingerprint()).isEqualTo("fp");
  }

  @Test
  void everyWayOfEndingFromOutsideHasItsCode() {
    assertThat(code(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT))
        .isEqualTo("timed-out");
    assertThat(code(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED))
        .isEqualTo("canceled");
    assertThat(code(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED))
        .isEqualTo("workflow-failed");
  }

  @Test
  void aDecidedOperationOrARunningOneKeepsItsStatus() {
    OperationSnapshot confirmed = ResolveApiTest.state(OperationStatus.CONFIRMED);
    assertThat(
            EndedWorkflows.asFinal(
                confirmed, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED, CLOSED))
        .isSameAs(confirmed);
    OperationSnapshot unknown = ResolveApiTest.state(OperationStatus.UNKNOWN);
    assertThat(
            EndedWorkflows.asFinal(
                unknown, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, null))
        .isSameAs(unknown);
  }

  private static String code(WorkflowExecutionStatus status) {
    return ((PaymentState)
            EndedWorkflows.asFinal(ResolveApiTest.state(OperationStatus.PENDING), status, CLOSED))
        .failureCode();
  }
}
