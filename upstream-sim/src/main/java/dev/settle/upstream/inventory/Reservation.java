package dev.settle.upstream.inventory;

import java.time.Instant;
import java.util.List;
import org.springframework.lang.Nullable;

/**
 * A reservation as stored, including the fingerprint of the request that made it.
 *
 * @param releasedAt when the stock went back; {@code null} while it is held
 */
record Reservation(
    String key,
    String reservationId,
    String fingerprint,
    List<LineItem> items,
    Instant createdAt,
    @Nullable Instant releasedAt) {

  enum Status {
    RESERVED,
    RELEASED
  }

  Reservation withItems(List<LineItem> lines) {
    return new Reservation(key, reservationId, fingerprint, lines, createdAt, releasedAt);
  }

  Status status() {
    return releasedAt == null ? Status.RESERVED : Status.RELEASED;
  }

  ReservationView view() {
    return new ReservationView(key, reservationId, status(), items, createdAt, releasedAt);
  }

  /** The JSON body of every successful reservation answer: reserve, release or lookup. */
  record ReservationView(
      String key,
      String reservationId,
      Status status,
      List<LineItem> items,
      Instant createdAt,
      @Nullable Instant releasedAt) {}
}
