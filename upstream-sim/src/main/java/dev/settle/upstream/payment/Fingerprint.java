package dev.settle.upstream.payment;

import dev.settle.upstream.idempotency.Idempotency;

/**
 * SHA-256 of a canonical form of a payment request, so "the same request again" ignores how the
 * amount was written (10, 10.0 and "10.00" are the same payment) but nothing else.
 */
final class Fingerprint {

  private Fingerprint() {}

  static String of(PaymentRequest request) {
    String canonical =
        String.join(
            "|",
            request.debitAccount(),
            request.creditAccount(),
            request.amount().stripTrailingZeros().toPlainString(),
            request.currency());
    // Kept as it was before the shared length-prefixed form existed: stored fingerprints must still
    // match. '|' cannot occur in accounts (PaymentRequest), so it is unambiguous here.
    return Idempotency.sha256Hex(canonical);
  }
}
