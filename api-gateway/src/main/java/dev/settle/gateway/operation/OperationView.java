package dev.settle.gateway.operation;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.settle.workflows.operation.OperationStatus;
import dev.settle.workflows.operation.SettleNames;
import dev.settle.workflows.payment.Attempt;
import dev.settle.workflows.payment.PaymentState;
import dev.settle.workflows.payment.Resolution;
import java.time.Instant;
import java.util.List;

/**
 * What clients see of an operation. {@code operationId} is the client's own Idempotency-Key; the
 * amount is a decimal string, as in requests, so no client parses money into a float.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperationView(
    String operationId,
    String workflowId,
    String type,
    OperationStatus status,
    String debitAccount,
    String creditAccount,
    String amount,
    String currency,
    String upstreamPaymentId,
    Failure failure,
    Instant createdAt,
    Instant decidedAt,
    Reconciliation reconciliation,
    int executions,
    boolean ledgerPosted,
    Resolution resolution,
    List<Attempt> attempts) {

  public record Failure(String code, String detail) {}

  /** While UNKNOWN: since when, and when the next status lookup is due. */
  public record Reconciliation(Instant unknownSince, Instant nextAttemptAt) {}

  public static OperationView of(PaymentState s) {
    return new OperationView(
        s.idempotencyKey(),
        s.operationId(),
        SettleNames.OPERATION_TYPE_PAYMENT,
        s.status(),
        s.debitAccount(),
        s.creditAccount(),
        s.amount() == null ? null : s.amount().toPlainString(),
        s.currency(),
        s.upstreamPaymentId(),
        s.failureCode() == null ? null : new Failure(s.failureCode(), s.failureDetail()),
        s.createdAt(),
        s.decidedAt(),
        s.unknownSince() == null ? null : new Reconciliation(s.unknownSince(), s.nextReconcileAt()),
        s.executions(),
        s.ledgerPosted(),
        s.resolution(),
        s.attempts());
  }
}
