package dev.settle.upstream.inventory;

import dev.settle.upstream.effect.EffectKind;
import dev.settle.upstream.effect.EffectLog;
import dev.settle.upstream.idempotency.Idempotency;
import dev.settle.upstream.idempotency.Outcome;
import dev.settle.upstream.problem.ProblemType;
import dev.settle.upstream.problem.UpstreamProblemException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reserves stock for all lines of a request or for none, and releases it, at most once per
 * idempotency key.
 */
@Service
class ReservationService {

  private final ReservationStore reservations;
  private final StockStore stock;
  private final EffectLog effects;

  ReservationService(ReservationStore reservations, StockStore stock, EffectLog effects) {
    this.reservations = reservations;
    this.stock = stock;
    this.effects = effects;
  }

  /** One SKU the request wanted more of than was available; nothing was reserved. */
  record Shortage(String sku, long requested, long available) {}

  /**
   * The reservation row goes in first, so a concurrent duplicate queues on its key before it
   * touches any stock; if a line is short the exception rolls everything back.
   */
  @Transactional
  Outcome<Reservation> reserve(String key, ReservationRequest request) {
    String fingerprint = fingerprint(request);
    Optional<Reservation> existing = reservations.find(key);
    if (existing.isPresent()) {
      return replay(existing.get(), fingerprint);
    }
    String id = "res_" + UUID.randomUUID().toString().replace("-", "");
    if (!reservations.insertIfAbsent(key, id, fingerprint, request.items())) {
      // Lost a race with a concurrent duplicate that has committed by now.
      return replay(stored(key), fingerprint);
    }
    take(request.items());
    effects.record(key, EffectKind.STOCK_RESERVE);
    return new Outcome<>(stored(key), false);
  }

  /** Puts the stock back once: the release row, the stock and the effect commit together. */
  @Transactional
  Outcome<Reservation> release(String key) {
    if (reservations.find(key).isEmpty()) {
      throw notFound(key);
    }
    boolean releasedNow = reservations.insertReleaseIfAbsent(key);
    if (releasedNow) {
      stock.restoreReservedBy(key);
      effects.record(key, EffectKind.STOCK_RELEASE);
    }
    return new Outcome<>(stored(key), !releasedNow);
  }

  @Transactional(readOnly = true)
  Reservation find(String key) {
    return reservations.find(key).orElseThrow(() -> notFound(key));
  }

  private void take(List<LineItem> items) {
    SortedMap<String, Long> wanted = new TreeMap<>();
    items.forEach(item -> wanted.merge(item.sku(), item.quantity().longValue(), Long::sum));
    Map<String, Long> levels = stock.lock(wanted.keySet());
    List<Shortage> shortages =
        wanted.entrySet().stream()
            .map(w -> new Shortage(w.getKey(), w.getValue(), levels.getOrDefault(w.getKey(), 0L)))
            .filter(s -> s.requested() > s.available())
            .toList();
    if (!shortages.isEmpty()) {
      throw new UpstreamProblemException(
          ProblemType.INSUFFICIENT_STOCK,
          "Not enough stock for " + shortages.size() + " SKU(s); nothing was reserved",
          Map.of("shortages", shortages));
    }
    wanted.forEach(stock::take);
  }

  private Reservation stored(String key) {
    return reservations
        .find(key)
        .orElseThrow(() -> new IllegalStateException("no reservation after insert"));
  }

  private static Outcome<Reservation> replay(Reservation reservation, String fingerprint) {
    if (!reservation.fingerprint().equals(fingerprint)) {
      throw new UpstreamProblemException(
          ProblemType.IDEMPOTENCY_KEY_REUSED,
          "Idempotency-Key '"
              + reservation.key()
              + "' was first used with a different reservation");
    }
    return new Outcome<>(reservation, true);
  }

  static String fingerprint(ReservationRequest request) {
    return Idempotency.fingerprint(request.items().stream().map(LineItem::canonical).toList());
  }

  private static UpstreamProblemException notFound(String key) {
    return new UpstreamProblemException(
        ProblemType.RESERVATION_NOT_FOUND, "No reservation made for key '" + key + "'");
  }
}
