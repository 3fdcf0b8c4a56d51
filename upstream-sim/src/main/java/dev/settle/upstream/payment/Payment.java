package dev.settle.upstream.payment;

import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.lang.Nullable;

/**
 * An applied payment as stored, including the fingerprint of the request that applied it.
 *
 * @param refundedAt when the charge was refunded; {@code null} while it stands
 */
record Payment(
    String key,
    String paymentId,
    String fingerprint,
    String debitAccount,
    String creditAccount,
    BigDecimal amount,
    String currency,
    Instant createdAt,
    @Nullable Instant refundedAt) {

  /** A payment that has not been refunded. */
  Payment(
      String key,
      String paymentId,
      String fingerprint,
      String debitAccount,
      String creditAccount,
      BigDecimal amount,
      String currency,
      Instant createdAt) {
    this(
        key,
        paymentId,
        fingerprint,
        debitAccount,
        creditAccount,
        amount,
        currency,
        createdAt,
        null);
  }

  dev.settle.upstream.webhook.Settlement settlement() {
    return new dev.settle.upstream.webhook.Settlement(key, paymentId, amount, currency, createdAt);
  }

  PaymentView view() {
    return new PaymentView(
        key,
        paymentId,
        debitAccount,
        creditAccount,
        amount,
        currency,
        createdAt,
        refundedAt != null,
        refundedAt);
  }

  /** The JSON body of every successful payment answer, first or replayed, charge or refund. */
  record PaymentView(
      String key,
      String paymentId,
      String debitAccount,
      String creditAccount,
      BigDecimal amount,
      String currency,
      Instant createdAt,
      boolean refunded,
      @Nullable Instant refundedAt) {}
}
