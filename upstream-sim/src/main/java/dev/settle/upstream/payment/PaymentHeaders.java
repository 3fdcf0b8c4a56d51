package dev.settle.upstream.payment;

/** Header names of the payment API, shared with the problem advice. */
public final class PaymentHeaders {

  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /** Set to {@code true} on an answer that replays the first result instead of applying again. */
  public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

  private PaymentHeaders() {}
}
