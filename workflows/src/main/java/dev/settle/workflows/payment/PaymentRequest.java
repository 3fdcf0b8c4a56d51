package dev.settle.workflows.payment;

import dev.settle.workflows.operation.OperationIds;
import java.math.BigDecimal;

/**
 * The workflow input: what the client asked for, plus the fingerprint of its canonical body so that
 * a later request with the same key but another payload can be told apart.
 */
public record PaymentRequest(
    String clientId,
    String idempotencyKey,
    String debitAccount,
    String creditAccount,
    BigDecimal amount,
    String currency,
    String fingerprint) {

  public String operationId() {
    return OperationIds.workflowId(clientId, idempotencyKey);
  }
}
