package dev.settle.gateway.idempotency;

import dev.settle.gateway.problem.ApiException;

/**
 * Parses the {@code Idempotency-Key} header. Both the bare form ({@code abc}) and the quoted
 * structured-field string of the IETF draft ({@code "abc"}) name the same key.
 */
public final class IdempotencyKey {
  public static final int MAX_LENGTH = 255;

  private IdempotencyKey() {}

  public static String parse(String header) {
    if (header == null || header.isEmpty()) {
      throw ApiException.missingIdempotencyKey();
    }
    String key = header;
    if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
      key = unquote(key.substring(1, key.length() - 1));
    }
    validate(key);
    return key;
  }

  public static void validate(String key) {
    if (key.isEmpty() || key.length() > MAX_LENGTH) {
      throw ApiException.invalidIdempotencyKey("The key must be 1-255 characters long.");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw ApiException.invalidIdempotencyKey("The key may only hold printable ASCII characters.");
      }
    }
    if (key.isBlank()) {
      throw ApiException.invalidIdempotencyKey("The key may not be blank.");
    }
  }

  /** sf-string escapes: only \" and \\ are allowed. */
  private static String unquote(String quoted) {
    StringBuilder key = new StringBuilder(quoted.length());
    for (int i = 0; i < quoted.length(); i++) {
      char c = quoted.charAt(i);
      if (c == '\\') {
        if (i + 1 == quoted.length() || (quoted.charAt(i + 1) != '"' && quoted.charAt(i + 1) != '\\')) {
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
