package dev.settle.upstream.inventory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The reservation tables. Uniqueness of the key is the database's job, not a prior read's. */
@Repository
class ReservationStore {

  private final JdbcClient jdbc;

  ReservationStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Reservation> find(String key) {
    return jdbc.sql(
            "SELECT r.idempotency_key, r.reservation_id, r.fingerprint, r.created_at,"
                + " x.released_at FROM reservation r LEFT JOIN reservation_release x"
                + " USING (idempotency_key) WHERE r.idempotency_key = :key")
        .param("key", key)
        .query(
            (rs, row) ->
                new Reservation(
                    rs.getString("idempotency_key"),
                    rs.getString("reservation_id"),
                    rs.getString("fingerprint"),
                    List.of(),
                    instant(rs.getObject("created_at", OffsetDateTime.class)),
                    instant(rs.getObject("released_at", OffsetDateTime.class))))
        .optional()
        // Read after the reservation: its lines committed with it, so they are visible now too.
        .map(reservation -> reservation.withItems(items(key)));
  }

  /**
   * Inserts the reservation and its lines unless the key exists; {@code true} for the one caller
   * whose insert took effect. A concurrent insert of the same key waits for the other transaction
   * to end, then does nothing if it committed and inserts if it rolled back.
   */
  boolean insertIfAbsent(
      String key, String reservationId, String fingerprint, List<LineItem> items) {
    int inserted =
        jdbc.sql(
                "INSERT INTO reservation (idempotency_key, reservation_id, fingerprint)"
                    + " VALUES (:key, :reservationId, :fingerprint)"
                    + " ON CONFLICT (idempotency_key) DO NOTHING")
            .param("key", key)
            .param("reservationId", reservationId)
            .param("fingerprint", fingerprint)
            .update();
    if (inserted == 0) {
      return false;
    }
    for (int line = 0; line < items.size(); line++) {
      jdbc.sql(
              "INSERT INTO reservation_item (idempotency_key, line, sku, quantity)"
                  + " VALUES (:key, :line, :sku, :quantity)")
          .param("key", key)
          .param("line", line)
          .param("sku", items.get(line).sku())
          .param("quantity", items.get(line).quantity())
          .update();
    }
    return true;
  }

  /** {@code true} for the one caller whose release took effect, however many race. */
  boolean insertReleaseIfAbsent(String key) {
    return jdbc.sql(
                "INSERT INTO reservation_release (idempotency_key) VALUES (:key)"
                    + " ON CONFLICT (idempotency_key) DO NOTHING")
            .param("key", key)
            .update()
        == 1;
  }

  private List<LineItem> items(String key) {
    return jdbc.sql(
            "SELECT sku, quantity FROM reservation_item WHERE idempotency_key = :key ORDER BY line")
        .param("key", key)
        .query((rs, row) -> new LineItem(rs.getString("sku"), rs.getInt("quantity")))
        .list();
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
