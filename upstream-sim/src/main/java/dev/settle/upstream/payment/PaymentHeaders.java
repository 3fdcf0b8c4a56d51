package dev.settle.upstream.payment;

import dev.settle.upstream.idempotency.Idempotency;

/** The payment API's names for the shared idempotency headers (defined in {@link Idempotency}). */
public final class PaymentHeaders {

  public static final String IDEMPOTENCY_KEY = Idempotency.KEY_HEADER;

  /** Set to {@code true} on an answer that replays the first result instead of applying again. */
  public static final String IDEMPOTENT_REPLAYED = Idempotency.REPLAYED_HEADER;

  private PaymentHeaders() {}
}
