package dev.settle.gateway.operation;

import java.math.BigDecimal;
import java.util.Currency;

/** The rules every request body shares about money: accounts, amounts, currencies. */
public final class Money {
  public static final String ACCOUNT = "[A-Za-z0-9._:-]{1,64}";
  public static final String AMOUNT = "(0|[1-9][0-9]{0,14})(\\.[0-9]{1,4})?";
  public static final String CURRENCY = "[A-Z]{3}";

  /** The most decimals {@link #AMOUNT} allows, and what a currency without minor units gets. */
  public static final int MAX_DECIMALS = 4;

  private Money() {}

  public static boolean isKnownCurrency(String currency) {
    return currency == null || !currency.matches(CURRENCY) || known(currency) != null;
  }

  /** Positive, and no more decimals than the currency allows (EUR 2, JPY 0, KWD 3). */
  public static boolean fitsCurrency(String amount, String currency) {
    if (amount == null || !amount.matches(AMOUNT)) {
      return true; // reported by the pattern
    }
    BigDecimal value = new BigDecimal(amount);
    Currency known = known(currency);
    int decimals = known == null ? MAX_DECIMALS : decimals(known);
    return value.signum() > 0 && value.stripTrailingZeros().scale() <= decimals;
  }

  /** Decimals an amount in this currency may have (EUR 2, JPY 0, KWD 3; XAU, XXX: 4). */
  public static int decimals(Currency currency) {
    int digits = currency.getDefaultFractionDigits();
    return digits < 0 ? MAX_DECIMALS : Math.min(digits, MAX_DECIMALS);
  }

  /** {@code "12.50"} and {@code "12.5"} are the same amount. */
  public static String canonical(String amount) {
    return new BigDecimal(amount).stripTrailingZeros().toPlainString();
  }

  private static Currency known(String currency) {
    try {
      return currency == null ? null : Currency.getInstance(currency);
    } catch (IllegalArgumentException unknown) {
      return null;
    }
  }
}
