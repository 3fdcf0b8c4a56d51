package dev.settle.upstream.webhook;

import java.math.BigDecimal;
import java.time.Instant;

/** A committed charge, as the webhook and the statement report it. */
public record Settlement(
    String key, String paymentId, BigDecimal amount, String currency, Instant settledAt) {
  public static final String SETTLED = "SETTLED";
}
