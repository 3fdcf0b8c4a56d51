package dev.settle.workflows.payment;

import dev.settle.workflows.operation.OperationIdentity;
import dev.settle.workflows.operation.OperationRequest;
import dev.settle.workflows.operation.SettleNames;
import java.math.BigDecimal;

/**
 * The workflow input: what the client asked for, plus the fingerprint of its canonical body so that
 * a later request with the same key but another payload can be told apart, and the id of the HTTP
 * request that started it, so that a later request knows it attached rather than started. {@code
 * callbackUrl} (optional) is told the final status; null in histories from before callbacks.
 */
public record PaymentRequest(
    String clientId,
    String idempotencyKey,
    String debitAccount,
    String creditAccount,
    BigDecimal amount,
    String currency,
    String fingerprint,
    String requestId,
    String callbackUrl,
    PaymentResume resume)
    implements OperationRequest {

  /** A payment's first run. */
  public PaymentRequest(
      String clientId,
      String idempotencyKey,
      String debitAccount,
      String creditAccount,
      BigDecimal amount,
      String currency,
      String fingerprint,
      String requestId,
      String callbackUrl) {
    this(
        clientId,
        idempotencyKey,
        debitAccount,
        creditAccount,
        amount,
        currency,
        fingerprint,
        requestId,
        callbackUrl,
        null);
  }

  /** The same payment, for a next run that goes on from {@code resume}. */
  public PaymentRequest resumingFrom(PaymentResume resume) {
    return new PaymentRequest(
        clientId,
        idempotencyKey,
        debitAccount,
        creditAccount,
        amount,
        currency,
        fingerprint,
        requestId,
        callbackUrl,
        resume);
  }

  /** Without a client callback. */
  public PaymentRequest(
      String clientId,
      String idempotencyKey,
      String debitAccount,
      String creditAccount,
      BigDecimal amount,
      String currency,
      String fingerprint,
      String requestId) {
    this(
        clientId,
        idempotencyKey,
        debitAccount,
        creditAccount,
        amount,
        currency,
        fingerprint,
        requestId,
        null);
  }

  /** Who the payment is to its client and its callback. */
  public OperationIdentity identity() {
    return OperationIdentity.of(SettleNames.OPERATION_TYPE_PAYMENT, this, true);
  }
}
