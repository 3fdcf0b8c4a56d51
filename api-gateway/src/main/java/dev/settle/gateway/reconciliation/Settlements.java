package dev.settle.gateway.reconciliation;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** The field rules webhooks and statement lines share. */
final class Settlements {
  private static final Pattern AMOUNT = Pattern.compile("\\d{1,18}(\\.\\d{1,6})?");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final Pattern STATUS = Pattern.compile("[A-Z_]{1,32}");

  private Settlements() {}

  /** A positive plain decimal, or null. */
  static BigDecimal amount(String text) {
    if (text == null || !AMOUNT.matcher(text).matches()) {
      return null;
    }
    BigDecimal amount = new BigDecimal(text);
    return amount.signum() > 0 ? amount : null;
  }

  static boolean isCurrency(String text) {
    return text != null && CURRENCY.matcher(text).matches();
  }

  static boolean isStatus(String text) {
    return text != null && STATUS.matcher(text).matches();
  }
}
