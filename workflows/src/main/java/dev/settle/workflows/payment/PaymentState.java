package dev.settle.workflows.payment;

import dev.settle.workflows.callback.CallbackDelivery;
import dev.settle.workflows.operation.Attempt;
import dev.settle.workflows.operation.OperationSnapshot;
import dev.settle.workflows.operation.OperationStatus;
import dev.settle.workflows.operation.Resolution;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What anyone may know about a payment at a point in time: its status, the evidence gathered so far
 * (every attempt, status lookup and operator action), when reconciliation will look again, and
 * where the client callback stands, and the key it goes upstream under ({@code upstreamKey}, null
 * until the run has started). It is both the query answer of a running workflow and the result of a
 * closed one.
 */
public record PaymentState(
    String operationId,
    String clientId,
    String idempotencyKey,
    OperationStatus status,
    String fingerprint,
    String debitAccount,
    String creditAccount,
    BigDecimal amount,
    String currency,
    String upstreamPaymentId,
    String failureCode,
    String failureDetail,
    Instant createdAt,
    Instant decidedAt,
    Instant unknownSince,
    Instant nextReconcileAt,
    int executions,
    boolean ledgerPosted,
    Resolution resolution,
    List<Attempt> attempts,
    String startedByRequest,
    CallbackDelivery callback,
    String upstreamKey)
    implements OperationSnapshot {

  /** A state without its upstream key (results of runs from before per-run keys). */
  public PaymentState(
      String operationId,
      String clientId,
      String idempotencyKey,
      OperationStatus status,
      String fingerprint,
      String debitAccount,
      String creditAccount,
      BigDecimal amount,
      String currency,
      String upstreamPaymentId,
      String failureCode,
      String failureDetail,
      Instant createdAt,
      Instant decidedAt,
      Instant unknownSince,
      Instant nextReconcileAt,
      int executions,
      boolean ledgerPosted,
      Resolution resolution,
      List<Attempt> attempts,
      String startedByRequest,
      CallbackDelivery callback) {
    this(
        operationId,
        clientId,
        idempotencyKey,
        status,
        fingerprint,
        debitAccount,
        creditAccount,
        amount,
        currency,
        upstreamPaymentId,
        failureCode,
        failureDetail,
        createdAt,
        decidedAt,
        unknownSince,
        nextReconcileAt,
        executions,
        ledgerPosted,
        resolution,
        attempts,
        startedByRequest,
        callback,
        null);
  }
}
