package dev.settle.upstream.payment;

import java.math.BigDecimal;
import java.time.Instant;

/** An applied payment as stored, including the fingerprint of the request that applied it. */
record Payment(
    String key,
    String paymentId,
    String fingerprint,
    String debitAccount,
    String creditAccount,
    BigDecimal amount,
    String currency,
    Instant createdAt) {

  PaymentView view() {
    return new PaymentView(
        key, paymentId, debitAccount, creditAccount, amount, currency, createdAt);
  }

  /** The JSON body of every successful payment answer, first or replayed. */
  record PaymentView(
      String key,
      String paymentId,
      String debitAccount,
      String creditAccount,
      BigDecimal amount,
      String currency,
      Instant createdAt) {}
}
