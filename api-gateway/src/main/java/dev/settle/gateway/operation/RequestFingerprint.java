package dev.settle.gateway.operation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two requests under one idempotency key the same request: a SHA-256 over the canonical
 * lines of the body (and the callback URL, when there is one). A request body names its lines; this
 * is how they are hashed, the same for every operation kind.
 */
public final class RequestFingerprint {
  private RequestFingerprint() {}

  /** SHA-256 of the canonical lines of a request body. */
  public static String of(String... canonicalLines) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(String.join("\n", canonicalLines).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /**
   * The callback URL is part of the request: with one, the fingerprint covers it too. Without one
   * it is the body's fingerprint unchanged, so keys used before callbacks existed still match.
   */
  public static String withCallback(String bodyFingerprint, String callbackUrl) {
    return callbackUrl == null ? bodyFingerprint : of(bodyFingerprint, "callbackUrl", callbackUrl);
  }
}
