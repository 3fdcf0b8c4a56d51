package dev.settle.workflows.payment;

import dev.settle.workflows.operation.OperationIds;
import java.math.BigDecimal;

/**
 * The workflow input: what the client asked for, plus the fingerprint of its canonical body so that
 * a later request with the same key but another payload can be told apart, and the id of the HTTP
 * request that started it, so that a later request knows it attached rather than started.
 */
public record PaymentRequest(
    String clientId,
    String idempotencyKey,
    String debitAccount,
    String creditAccount,
    BigDecimal amount,
    String currency,
    String fingerprint,
    String requestId) {

  public String operationId() {
    return OperationIds.workflowId(clientId, idempotencyKey);
  }
}
