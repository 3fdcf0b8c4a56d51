package dev.settle.workflows.operation;

import java.math.BigDecimal;

/** What every operation type's request holds, whatever its steps. */
public interface OperationRequest {
  String clientId();

  String idempotencyKey();

  String fingerprint();

  String callbackUrl();

  BigDecimal amount();

  String currency();

  default String operationId() {
    return OperationIds.workflowId(clientId(), idempotencyKey());
  }
}
