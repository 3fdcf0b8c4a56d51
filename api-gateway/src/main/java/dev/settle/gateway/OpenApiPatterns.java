package dev.settle.gateway;

import dev.settle.gateway.idempotency.IdempotencyKey;
import dev.settle.gateway.operation.Money;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The patterns the document publishes for what the gateway checks in code: the Idempotency-Key in a
 * header and in a path, a callback URL, an amount with its currency's decimals.
 */
final class OpenApiPatterns {
  private OpenApiPatterns() {}

  /** Printable ASCII less {@code "} and {@code \}: what a bare key is made of. */
  private static final String BARE = "[ !#-\\[\\]-~]";

  private static final String QUOTED = "(?:[ !#-\\[\\]-~]|\\\\[\"\\\\])";
  private static final int MAX = IdempotencyKey.MAX_LENGTH;

  /**
   * The bare form (no leading space: HTTP strips it; a trailing one is stripped too) or the quoted
   * structured-field string with {@code \"} and {@code \\} escapes, 1-177 characters once unquoted
   * and not only spaces.
   */
  static final String KEY_HEADER_PATTERN =
      "^(?:[!#-\\[\\]-~]"
          + BARE
          + "{0,"
          + (MAX - 1)
          + "}|\"(?! *\")"
          + QUOTED
          + "{1,"
          + MAX
          + "}\")$";

  static final String KEY_HEADER_DESCRIPTION =
      "Required. 1-"
          + MAX
          + " printable ASCII characters, not only spaces. Bare (abc: without '\"' or '\\') or as"
          + " the IETF draft's quoted string (\"abc\", with \\\" and \\\\ escapes): both name the"
          + " same key. Missing: 400 idempotency-key-missing; otherwise invalid: 400"
          + " idempotency-key-invalid.";

  /** A key in a status URL: printable ASCII, not only spaces (percent-encode it, '/' as %2F). */
  static final String KEY_PATH_PATTERN = "^[ -~]*[!-~][ -~]*$";

  static final String KEY_PATH_DESCRIPTION =
      "The Idempotency-Key the operation was submitted with, unquoted: 1-"
          + MAX
          + " printable ASCII characters, not only spaces, percent-encoded ('/' as %2F).";

  /**
   * An absolute https URL with a DNS host name, no user info, no fragment. The gateway also takes
   * other hosts Java's URI parser reads (IP literals), and, where allowed, http to loopback.
   */
  static final String CALLBACK_PATTERN =
      "^https://[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?)*"
          + "(?::[0-9]{1,5})?(?:/(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})*)*"
          + "(?:\\?(?:[A-Za-z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2})*)?$";

  /**
   * A positive amount (15 integer digits at most, no leading zeros) with no more decimals than
   * {@code decimals}, written with up to {@link Money#MAX_DECIMALS} fraction digits: beyond the
   * currency's decimals only zeros ("12.50" is 2 decimals, "12.00" is JPY's 12).
   */
  static String amountPattern(int decimals) {
    int max = Money.MAX_DECIMALS;
    String fraction =
        decimals == 0
            ? "0{1," + max + "}"
            : "[0-9]{1," + decimals + "}" + (decimals < max ? "0{0," + (max - decimals) + "}" : "");
    List<String> belowOne = new ArrayList<>();
    for (int last = 1; last <= decimals; last++) {
      // the last significant digit at position `last`, zeros after it
      belowOne.add(
          (last > 1 ? "[0-9]{" + (last - 1) + "}" : "")
              + "[1-9]"
              + (last < max ? "0{0," + (max - last) + "}" : ""));
    }
    String whole = "[1-9][0-9]{0,14}(?:\\.(?:" + fraction + "))?";
    return belowOne.isEmpty()
        ? "^" + whole + "$"
        : "^(?:" + whole + "|0\\.(?:" + String.join("|", belowOne) + "))$";
  }

  /** Every currency the gateway knows, by the decimals its amounts may have. */
  static Map<Integer, Set<String>> currenciesByDecimals() {
    Map<Integer, Set<String>> groups = new TreeMap<>();
    for (Currency currency : Currency.getAvailableCurrencies()) {
      groups
          .computeIfAbsent(Money.decimals(currency), d -> new TreeSet<>())
          .add(currency.getCurrencyCode());
    }
    return groups;
  }
}
