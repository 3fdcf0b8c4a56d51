package dev.settle.upstream.payment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
    return sha256Hex(canonical);
  }

  private static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM must provide SHA-256", e);
    }
  }
}
