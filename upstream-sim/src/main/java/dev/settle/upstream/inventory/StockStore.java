package dev.settle.upstream.inventory;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The stock table. Every transaction that changes several rows locks them in SKU order, so two
 * reservations over the same SKUs queue up instead of deadlocking.
 */
@Repository
class StockStore {

  private final JdbcClient jdbc;

  StockStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void set(String sku, long available) {
    jdbc.sql(
            "INSERT INTO stock (sku, available) VALUES (:sku, :available)"
                + " ON CONFLICT (sku) DO UPDATE SET available = EXCLUDED.available")
        .param("sku", sku)
        .param("available", available)
        .update();
  }

  long available(String sku) {
    return jdbc.sql("SELECT available FROM stock WHERE sku = :sku")
        .param("sku", sku)
        .query(Long.class)
        .optional()
        .orElse(0L);
  }

  /**
   * Locks the rows of these SKUs until the transaction ends and returns their levels. SKUs without
   * a row are missing from the answer: nothing of them is available.
   */
  Map<String, Long> lock(Collection<String> skus) {
    Map<String, Long> levels = new LinkedHashMap<>();
    jdbc.sql("SELECT sku, available FROM stock WHERE sku IN (:skus) ORDER BY sku FOR UPDATE")
        .param("skus", skus)
        .query((rs, row) -> Map.entry(rs.getString("sku"), rs.getLong("available")))
        .list()
        .forEach(e -> levels.put(e.getKey(), e.getValue()));
    return levels;
  }

  /** Takes units of a SKU whose row the caller has locked and found sufficient. */
  void take(String sku, long quantity) {
    int updated =
        jdbc.sql(
                "UPDATE stock SET available = available - :quantity"
                    + " WHERE sku = :sku AND available >= :quantity")
            .param("sku", sku)
            .param("quantity", quantity)
            .update();
    if (updated != 1) {
      throw new IllegalStateException("stock of " + sku + " changed under its lock");
    }
  }

  /** Puts back every unit the reservation under the key holds, one statement, in SKU order. */
  void restoreReservedBy(String key) {
    jdbc.sql(
            "INSERT INTO stock (sku, available)"
                + " SELECT sku, sum(quantity) FROM reservation_item WHERE idempotency_key = :key"
                + " GROUP BY sku ORDER BY sku"
                + " ON CONFLICT (sku) DO UPDATE"
                + " SET available = stock.available + EXCLUDED.available")
        .param("key", key)
        .update();
  }
}
