package dev.settle.gateway.idempotency;

import dev.settle.gateway.problem.ApiException;
import dev.settle.workflows.operation.UpstreamKeys;

/**
 * Parses the {@code Idempotency-Key} header. Both the bare form ({@code abc}) and the quoted
 * structured-field string of the IETF draft ({@code "abc"}) name the same key.
 */
public final class IdempotencyKey {
  /**
   * The longest key a client may send: with the longest client ID and the per-run token Settle adds
   * upstream ({@link UpstreamKeys}), it still fits the upstream's 255, so no key accepted here can
   * be refused upstream and burn.
   */
  public static final int MAX_LENGTH = UpstreamKeys.MAX_IDEMPOTENCY_KEY_LENGTH;

  private IdempotencyKey() {}

  public static String parse(String header) {
    if (header == null || header.isEmpty()) {
      throw ApiException.missingIdempotencyKey();
    }
    boolean quoted = header.length() >= 2 && header.startsWith("\"") && header.endsWith("\"");
    String key = quoted ? unquote(header.substring(1, header.length() - 1)) : header;
    validate(key, quoted); // a bare key may not look half-quoted
    return key;
  }

  /** The rules for a key itself, however it was sent (also for keys in status URLs). */
  public static void validate(String key) {
    validate(key, true);
  }

  private static void validate(String key, boolean quotesAllowed) {
    if (key.isEmpty() || key.length() > MAX_LENGTH) {
      throw ApiException.invalidIdempotencyKey(
          "The key must be 1-" + MAX_LENGTH + " characters long.");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw ApiException.invalidIdempotencyKey(
            "The key may only hold printable ASCII characters.");
      }
    }
    if (!quotesAllowed && (key.indexOf('"') >= 0 || key.indexOf('\\') >= 0)) {
      throw ApiException.invalidIdempotencyKey(
          "A bare key may not hold '\"' or '\\'; send it as a quoted string (\"...\") with escapes.");
    }
    if (key.isBlank()) {
      throw ApiException.invalidIdempotencyKey("The key may not be blank.");
    }
  }

  /**
   * {@code Prefer: idempotency=strict} asks for the IETF draft's 409 instead of attaching to a
   * request with the same key that is still in flight.
   */
  public static boolean prefersStrict(String prefer) {
    if (prefer == null) {
      return false;
    }
    for (String preference : prefer.split(",")) {
      if (preference.trim().replace(" ", "").equalsIgnoreCase("idempotency=strict")) {
        return true;
      }
    }
    return false;
  }

  /** sf-string escapes: only \" and \\ are allowed. */
  private static String unquote(String quoted) {
    StringBuilder key = new StringBuilder(quoted.length());
    for (int i = 0; i < quoted.length(); i++) {
      char c = quoted.charAt(i);
      if (c == '\\') {
        if (i + 1 == quoted.length()
            || (quoted.charAt(i + 1) != '"' && quoted.charAt(i + 1) != '\\')) {
          throw ApiException.invalidIdempotencyKey("Invalid escape in the quoted key.");
        }
        c = quoted.charAt(++i);
      } else if (c == '"') {
        throw ApiException.invalidIdempotencyKey("Unescaped quote inside the quoted key.");
      }
      key.append(c);
    }
    return key.toString();
  }
}
