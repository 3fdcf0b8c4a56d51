package dev.settle.workflows.order;

import dev.settle.workflows.operation.OperationIdentity;
import dev.settle.workflows.operation.OperationRequest;
import dev.settle.workflows.operation.SettleNames;
import java.math.BigDecimal;
import java.util.List;

/**
 * The order saga's input. The customer pays {@code amount} from {@code customerAccount} to {@code
 * merchantAccount}; fingerprint, requestId and callbackUrl play the same part as for payments.
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
    String requestId,
    String callbackUrl)
    implements OperationRequest {

  /** Without a client callback. */
  public OrderRequest(
      String clientId,
      String idempotencyKey,
      String customerAccount,
      String merchantAccount,
      List<OrderItem> items,
      BigDecimal amount,
      String currency,
      String fingerprint,
      String requestId) {
    this(
        clientId,
        idempotencyKey,
        customerAccount,
        merchantAccount,
        items,
        amount,
        currency,
        fingerprint,
        requestId,
        null);
  }

  /** Who the order is to its client and its callback. */
  public OperationIdentity identity() {
    return OperationIdentity.of(SettleNames.OPERATION_TYPE_ORDER, this, false);
  }
}
