package dev.settle.upstream.effect;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * Kinds of side effect the sim performs, one per mutating operation. Each is counted separately by
 * the admin API, and a fault rule can name one as its {@code operation}.
 */
public enum EffectKind {
  ORDER_CREATE("order.create"),
  ORDER_CANCEL("order.cancel"),
  STOCK_RESERVE("stock.reserve"),
  STOCK_RELEASE("stock.release"),
  PAYMENT_CHARGE("payment.charge"),
  PAYMENT_REFUND("payment.refund");

  private final String code;

  EffectKind(String code) {
    this.code = code;
  }

  /** The name used on the wire and in the effect table, e.g. {@code stock.reserve}. */
  @JsonValue
  public String code() {
    return code;
  }

  public static Optional<EffectKind> fromCode(String code) {
    return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
  }

  @Override
  public String toString() {
    return code;
  }
}
