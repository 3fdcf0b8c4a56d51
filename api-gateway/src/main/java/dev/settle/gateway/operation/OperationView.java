package dev.settle.gateway.operation;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.settle.workflows.callback.CallbackDelivery;
import dev.settle.workflows.discrepancy.Acknowledgement;
import dev.settle.workflows.discrepancy.DiscrepancyCase;
import dev.settle.workflows.operation.Attempt;
import dev.settle.workflows.operation.OperationSnapshot;
import dev.settle.workflows.operation.OperationStatus;
import dev.settle.workflows.operation.Resolution;
import dev.settle.workflows.operation.SettleNames;
import dev.settle.workflows.order.OrderItem;
import dev.settle.workflows.order.OrderState;
import dev.settle.workflows.order.SagaStep;
import dev.settle.workflows.payment.PaymentState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What clients see of an operation, whatever its type. {@code operationId} is the client's own
 * Idempotency-Key; the amount is a decimal string, as in requests, so no client parses money into a
 * float. {@code upstreamKey} is the key the operation went upstream under (unique per run, so an
 * operator can find it in the upstream's records and the ledger). Fields that do not apply to the
 * type are left out; {@code callback} only appears when the request carried a callbackUrl, and only
 * on GET (see {@link #decision}); {@code discrepancy} only on GET, once the upstream's evidence
 * contradicted the outcome.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperationView(
    String operationId,
    String workflowId,
    String type,
    OperationStatus status,
    String debitAccount,
    String creditAccount,
    String customerAccount,
    String merchantAccount,
    List<OrderItem> items,
    String amount,
    String currency,
    String upstreamPaymentId,
    String upstreamKey,
    List<SagaStep> steps,
    Boolean compensating,
    Failure failure,
    Instant createdAt,
    Instant decidedAt,
    Reconciliation reconciliation,
    Integer executions,
    Boolean ledgerPosted,
    Boolean ledgerReversed,
    Resolution resolution,
    List<Attempt> attempts,
    CallbackDelivery callback,
    Discrepancy discrepancy) {

  public record Failure(String code, String detail) {}

  /**
   * The upstream's evidence contradicts this outcome (it settled a payment Settle answered FAILED,
   * another payment, other money): an operator's case, open until acknowledged.
   *
   * @param reports distinct contradictions received; absent while the case cannot be read (no
   *     worker answering)
   * @param latest the last contradiction the case received, in words
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Discrepancy(
      boolean open,
      Instant openedAt,
      Integer reports,
      String latest,
      Instant acknowledgedAt,
      String acknowledgedBy,
      String note) {

    public static Discrepancy of(DiscrepancyCase found) {
      Acknowledgement ack = found.acknowledgement();
      return new Discrepancy(
          found.open(),
          found.openedAt(),
          found.reportCount() == 0 ? null : found.reportCount(),
          found.latest() == null ? null : found.latest().discrepancy(),
          ack == null ? null : ack.at(),
          ack == null ? null : ack.by(),
          ack == null ? null : ack.note());
    }
  }

  /** While UNKNOWN: since when, and when the next status lookup is due. */
  public record Reconciliation(Instant unknownSince, Instant nextAttemptAt) {}

  public static OperationView of(OperationSnapshot snapshot) {
    return of(snapshot, (Discrepancy) null);
  }

  /** What GET shows: with the callback, and the operators' case about it if there is one. */
  public static OperationView of(OperationSnapshot snapshot, Discrepancy discrepancy) {
    return of(snapshot, callbackOf(snapshot), discrepancy);
  }

  /**
   * The answer to a POST: without the callback, which keeps changing after the final status, so
   * that a replay stays byte for byte the first final answer. GET shows it.
   */
  public static OperationView decision(OperationSnapshot snapshot) {
    return of(snapshot, null, null);
  }

  private static CallbackDelivery callbackOf(OperationSnapshot snapshot) {
    return snapshot instanceof OrderState s ? s.callback() : ((PaymentState) snapshot).callback();
  }

  private static OperationView of(
      OperationSnapshot snapshot, CallbackDelivery callback, Discrepancy discrepancy) {
    if (snapshot instanceof OrderState s) {
      return new OperationView(
          s.idempotencyKey(),
          s.operationId(),
          SettleNames.OPERATION_TYPE_ORDER,
          s.status(),
          null,
          null,
          s.customerAccount(),
          s.merchantAccount(),
          s.items(),
          plain(s.amount()),
          s.currency(),
          null,
          s.upstreamKey(),
          s.steps(),
          s.compensating(),
          failure(s.failureCode(), s.failureDetail()),
          s.createdAt(),
          s.decidedAt(),
          reconciliation(s.unknownSince(), s.nextReconcileAt()),
          null,
          s.ledgerPosted(),
          s.ledgerReversed(),
          s.resolution(),
          s.attempts(),
          callback,
          discrepancy);
    }
    PaymentState s = (PaymentState) snapshot;
    return new OperationView(
        s.idempotencyKey(),
        s.operationId(),
        SettleNames.OPERATION_TYPE_PAYMENT,
        s.status(),
        s.debitAccount(),
        s.creditAccount(),
        null,
        null,
        null,
        plain(s.amount()),
        s.currency(),
        s.upstreamPaymentId(),
        s.upstreamKey(),
        null,
        null,
        failure(s.failureCode(), s.failureDetail()),
        s.createdAt(),
        s.decidedAt(),
        reconciliation(s.unknownSince(), s.nextReconcileAt()),
        s.executions(),
        s.ledgerPosted(),
        null,
        s.resolution(),
        s.attempts(),
        callback,
        discrepancy);
  }

  private static String plain(BigDecimal amount) {
    return amount == null ? null : amount.toPlainString();
  }

  private static Failure failure(String code, String detail) {
    return code == null ? null : new Failure(code, detail);
  }

  private static Reconciliation reconciliation(Instant unknownSince, Instant next) {
    return unknownSince == null ? null : new Reconciliation(unknownSince, next);
  }
}
