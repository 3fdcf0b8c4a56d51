package dev.settle.gateway.operation;

import dev.settle.workflows.operation.OperationSnapshot;
import dev.settle.workflows.operation.OperationStatus;
import dev.settle.workflows.order.OrderState;
import dev.settle.workflows.payment.PaymentState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * An operation whose workflow was ended from outside (terminated, timed out, cancelled, or failed
 * as a workflow) will never decide on its own, so a client must not be told to poll it forever. Its
 * status becomes final: FAILED with a code naming how it ended, unless it had already reached a
 * final status before (a payment CONFIRMED whose callback was still being delivered stays
 * CONFIRMED). Whether an ambiguous charge applied upstream is still unknown, and the detail says
 * so: evidence that it did is a discrepancy an operator sees.
 */
final class EndedWorkflows {
  private EndedWorkflows() {}

  /** The failure code of a workflow that ended without completing; empty if it did not. */
  static Optional<String> failureCode(WorkflowExecutionStatus status) {
    return switch (status) {
      case WORKFLOW_EXECUTION_STATUS_TERMINATED -> Optional.of("terminated");
      case WORKFLOW_EXECUTION_STATUS_TIMED_OUT -> Optional.of("timed-out");
      case WORKFLOW_EXECUTION_STATUS_CANCELED -> Optional.of("canceled");
      case WORKFLOW_EXECUTION_STATUS_FAILED -> Optional.of("workflow-failed");
      default -> Optional.empty();
    };
  }

  /** The state to show for an operation whose workflow ended with {@code status} at {@code at}. */
  static OperationSnapshot asFinal(
      OperationSnapshot last, WorkflowExecutionStatus status, Instant at) {
    Optional<String> code = failureCode(status);
    if (code.isEmpty() || last.status().isFinal()) {
      return last;
    }
    String detail =
        "The workflow was "
            + code.get().replace('-', ' ')
            + " while the operation was "
            + last.status()
            + "; Settle no longer acts on it."
            + (last.status() == OperationStatus.PENDING
                ? ""
                : " Whether the upstream applied it was not known: an operator reconciles it by"
                    + " hand (docs/operations.md).");
    if (last instanceof OrderState o) {
      return new OrderState(
          o.operationId(),
          o.clientId(),
          o.idempotencyKey(),
          OperationStatus.FAILED,
          o.fingerprint(),
          o.customerAccount(),
          o.merchantAccount(),
          o.items(),
          o.amount(),
          o.currency(),
          o.steps(),
          o.compensating(),
          code.get(),
          detail,
          o.createdAt(),
          at,
          o.unknownSince(),
          null,
          o.ledgerPosted(),
          o.ledgerReversed(),
          o.resolution(),
          o.attempts(),
          o.startedByRequest(),
          o.callback(),
          o.upstreamKey());
    }
    PaymentState p = (PaymentState) last;
    return new PaymentState(
        p.operationId(),
        p.clientId(),
        p.idempotencyKey(),
        OperationStatus.FAILED,
        p.fingerprint(),
        p.debitAccount(),
        p.creditAccount(),
        p.amount(),
        p.currency(),
        p.upstreamPaymentId(),
        code.get(),
        detail,
        p.createdAt(),
        at,
        p.unknownSince(),
        null,
        p.executions(),
        p.ledgerPosted(),
        p.resolution(),
        p.attempts(),
        p.startedByRequest(),
        p.callback(),
        p.upstreamKey());
  }
}
