package dev.settle.gateway.reconciliation;

import dev.settle.workflows.payment.Evidence;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The upstream's notification that a payment settled.
 *
 * @param id the upstream's event id; its retries of one event keep it
 * @param idempotencyKey the key Settle sent with the charge (UpstreamKeys: the run's key)
 * @param paymentId the upstream's id of the payment
 * @param amount a decimal string, as everywhere money travels
 */
public record UpstreamWebhook(
    String id,
    String type,
    String idempotencyKey,
    String paymentId,
    String amount,
    String currency,
    String status,
    Instant settledAt) {

  /** The evidence it carries, or an explanation of what is missing. */
  Evidence toEvidence() {
    require(id, "id");
    require(idempotencyKey, "idempotencyKey");
    require(paymentId, "paymentId");
    if (!Settlements.isStatus(status)) {
      throw new IllegalArgumentException("status must be an upper-case word such as SETTLED");
    }
    BigDecimal money = Settlements.amount(amount);
    if (money == null) {
      throw new IllegalArgumentException("amount must be a positive decimal string");
    }
    if (!Settlements.isCurrency(currency)) {
      throw new IllegalArgumentException("currency must be three upper-case letters");
    }
    return new Evidence(
        Evidence.Source.WEBHOOK,
        paymentId,
        money,
        currency,
        status,
        settledAt,
        "event " + id,
        idempotencyKey);
  }

  private static void require(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
  }
}
