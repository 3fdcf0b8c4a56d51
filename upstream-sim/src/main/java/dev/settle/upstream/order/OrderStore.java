package dev.settle.upstream.order;

import dev.settle.upstream.inventory.LineItem;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The customer_order tables. Uniqueness of the key is the database's job, not a prior read's. */
@Repository
class OrderStore {

  private final JdbcClient jdbc;

  OrderStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Order> find(String key) {
    return jdbc.sql(
            "SELECT o.idempotency_key, o.order_id, o.fingerprint, o.customer, o.currency, o.total,"
                + " o.created_at, c.cancelled_at"
                + " FROM customer_order o LEFT JOIN customer_order_cancellation c"
                + " USING (idempotency_key) WHERE o.idempotency_key = :key")
        .param("key", key)
        .query(
            (rs, row) ->
                new Order(
                    rs.getString("idempotency_key"),
                    rs.getString("order_id"),
                    rs.getString("fingerprint"),
                    rs.getString("customer"),
                    List.of(),
                    rs.getString("currency"),
                    rs.getBigDecimal("total"),
                    instant(rs.getObject("created_at", OffsetDateTime.class)),
                    instant(rs.getObject("cancelled_at", OffsetDateTime.class))))
        .optional()
        // Read after the order: its lines committed with it, so they are visible now too.
        .map(order -> order.withItems(items(key)));
  }

  /**
   * Inserts the order and its lines unless the key exists; {@code true} for the one caller whose
   * insert took effect. A concurrent insert of the same key waits for the other transaction and
   * then does nothing.
   */
  boolean insertIfAbsent(String key, String orderId, String fingerprint, OrderRequest request) {
    int inserted =
        jdbc.sql(
                "INSERT INTO customer_order (idempotency_key, order_id, fingerprint, customer,"
                    + " currency, total) VALUES (:key, :orderId, :fingerprint, :customer,"
                    + " :currency, :total) ON CONFLICT (idempotency_key) DO NOTHING")
            .param("key", key)
            .param("orderId", orderId)
            .param("fingerprint", fingerprint)
            .param("customer", request.customer())
            .param("currency", request.currency())
            .param("total", request.total())
            .update();
    if (inserted == 0) {
      return false;
    }
    List<LineItem> items = request.items();
    for (int line = 0; line < items.size(); line++) {
      jdbc.sql(
              "INSERT INTO customer_order_item (idempotency_key, line, sku, quantity)"
                  + " VALUES (:key, :line, :sku, :quantity)")
          .param("key", key)
          .param("line", line)
          .param("sku", items.get(line).sku())
          .param("quantity", items.get(line).quantity())
          .update();
    }
    return true;
  }

  /** {@code true} for the one caller whose cancellation took effect, however many race. */
  boolean insertCancellationIfAbsent(String key) {
    return jdbc.sql(
                "INSERT INTO customer_order_cancellation (idempotency_key) VALUES (:key)"
                    + " ON CONFLICT (idempotency_key) DO NOTHING")
            .param("key", key)
            .update()
        == 1;
  }

  private List<LineItem> items(String key) {
    return jdbc.sql(
            "SELECT sku, quantity FROM customer_order_item WHERE idempotency_key = :key"
                + " ORDER BY line")
        .param("key", key)
        .query((rs, row) -> new LineItem(rs.getString("sku"), rs.getInt("quantity")))
        .list();
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
