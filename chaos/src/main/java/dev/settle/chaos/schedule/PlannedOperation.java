package dev.settle.chaos.schedule;

import java.math.BigDecimal;
import java.util.List;

/**
 * One operation of the run: what a client asks for under one Idempotency-Key, how many identical
 * copies it sends at once, and whether it also sends the key once more with another payload.
 *
 * @param debitAccount the payer: a payment's debit account, an order's customer
 * @param creditAccount the payee: a payment's credit account, an order's merchant
 * @param items an order's lines; empty for a payment
 */
public record PlannedOperation(
    int index,
    String key,
    Type type,
    String debitAccount,
    String creditAccount,
    String amount,
    List<Item> items,
    int copies,
    boolean mismatch) {

  public enum Type {
    PAYMENT,
    ORDER
  }

  public record Item(String sku, int quantity) {}

  public String path() {
    return type == Type.PAYMENT ? "/v1/payments" : "/v1/orders";
  }

  public String body() {
    return body(amount);
  }

  /** The same key's deliberately different payload: one more euro. */
  public String mismatchBody() {
    return body(new BigDecimal(amount).add(BigDecimal.ONE).toPlainString());
  }

  private String body(String amountValue) {
    if (type == Type.PAYMENT) {
      return "{\"debitAccount\":\""
          + debitAccount
          + "\",\"creditAccount\":\""
          + creditAccount
          + "\",\"amount\":\""
          + amountValue
          + "\",\"currency\":\"EUR\"}";
    }
    StringBuilder lines = new StringBuilder();
    for (Item item : items) {
      if (lines.length() > 0) {
        lines.append(',');
      }
      lines
          .append("{\"sku\":\"")
          .append(item.sku())
          .append("\",\"quantity\":")
          .append(item.quantity())
          .append('}');
    }
    return "{\"customerAccount\":\""
        + debitAccount
        + "\",\"merchantAccount\":\""
        + creditAccount
        + "\",\"items\":["
        + lines
        + "],\"amount\":\""
        + amountValue
        + "\",\"currency\":\"EUR\"}";
  }
}
