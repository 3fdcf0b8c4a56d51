package dev.settle.workflows.callback;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What the client is told when its operation reaches a final status. {@code deliveryId} is the
 * client's Idempotency-Key, the same on every attempt, so that a receiver can drop duplicates.
 */
public record Notification(
    String callbackUrl,
    String deliveryId,
    String type,
    String status,
    BigDecimal amount,
    String currency,
    Instant decidedAt,
    int attempt) {

  public Notification withAttempt(int next) {
    return new Notification(
        callbackUrl, deliveryId, type, status, amount, currency, decidedAt, next);
  }
}
