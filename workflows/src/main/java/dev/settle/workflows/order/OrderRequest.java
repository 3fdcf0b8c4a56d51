package dev.settle.workflows.order;

import dev.settle.workflows.operation.OperationIds;
import java.math.BigDecimal;
import java.util.List;

/**
 * The order saga's input. The customer pays {@code amount} from {@code customerAccount} to
 * {@code merchantAccount}; fingerprint and requestId play the same part as for payments.
 */
public record OrderRequest(
    String clientId,
    String idempotencyKey,
    String customerAccount,
    String merchantAccount,
    List<OrderItem> items,
    BigDecimal amount,
    String currency,
    String fingerprint,
    String requestId) {

  public String operationId() {
    return OperationIds.workflowId(clientId, idempotencyKey);
  }
}
