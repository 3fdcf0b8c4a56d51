package dev.settle.upstream.order;

import dev.settle.upstream.inventory.LineItem;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.lang.Nullable;

/**
 * An order as stored, including the fingerprint of the request that created it.
 *
 * @param cancelledAt when the order was cancelled; {@code null} while it stands
 */
record Order(
    String key,
    String orderId,
    String fingerprint,
    String customer,
    List<LineItem> items,
    String currency,
    BigDecimal total,
    Instant createdAt,
    @Nullable Instant cancelledAt) {

  Order withItems(List<LineItem> lines) {
    return new Order(
        key, orderId, fingerprint, customer, lines, currency, total, createdAt, cancelledAt);
  }

  enum Status {
    CREATED,
    CANCELLED
  }

  Status status() {
    return cancelledAt == null ? Status.CREATED : Status.CANCELLED;
  }

  OrderView view() {
    return new OrderView(
        key, orderId, status(), customer, items, currency, total, createdAt, cancelledAt);
  }

  /** The JSON body of every successful order answer: create, cancel or lookup. */
  record OrderView(
      String key,
      String orderId,
      Status status,
      String customer,
      List<LineItem> items,
      String currency,
      BigDecimal total,
      Instant createdAt,
      @Nullable Instant cancelledAt) {}
}
