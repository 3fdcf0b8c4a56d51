package dev.settle.upstream.idempotency;

import dev.settle.upstream.problem.ProblemType;
import dev.settle.upstream.problem.UpstreamProblemException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.web.util.UriComponentsBuilder;

/** What every upstream of the sim shares about idempotency keys: headers, limits, fingerprints. */
public final class Idempotency {

  public static final String KEY_HEADER = "Idempotency-Key";

  /** Set to {@code true} on an answer that replays an earlier result instead of applying again. */
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";

  public static final int MAX_KEY_LENGTH = 255;

  private Idempotency() {}

  public static void checkKey(String key) {
    if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
      throw new UpstreamProblemException(
          ProblemType.INVALID_REQUEST,
          KEY_HEADER + " must be 1 to " + MAX_KEY_LENGTH + " non-blank characters");
    }
  }

  /**
   * SHA-256 of the parts, each prefixed by its length, so no value can pose as a separator and two
   * different requests never share a canonical form.
   */
  public static String fingerprint(Iterable<String> parts) {
    StringBuilder canonical = new StringBuilder();
    for (String part : parts) {
      canonical.append(part.length()).append(':').append(part).append(';');
    }
    return sha256Hex(canonical.toString());
  }

  public static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM must provide SHA-256", e);
    }
  }

  /** The template with the key filled in as one segment, so '/' in a key becomes %2F. */
  public static URI location(String template, String key) {
    return UriComponentsBuilder.fromPath(template).encode().buildAndExpand(key).toUri();
  }
}
