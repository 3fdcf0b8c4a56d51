package dev.settle.upstream.order;

import dev.settle.upstream.effect.EffectKind;
import dev.settle.upstream.effect.EffectLog;
import dev.settle.upstream.idempotency.Idempotency;
import dev.settle.upstream.idempotency.Outcome;
import dev.settle.upstream.inventory.LineItem;
import dev.settle.upstream.problem.ProblemType;
import dev.settle.upstream.problem.UpstreamProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates an order, and cancels it, at most once per idempotency key. */
@Service
class OrderService {

  static final String BLOCKED_PREFIX = "blocked-";

  private final OrderStore store;
  private final EffectLog effects;

  OrderService(OrderStore store, EffectLog effects) {
    this.store = store;
    this.effects = effects;
  }

  @Transactional
  Outcome<Order> create(String key, OrderRequest request) {
    String fingerprint = fingerprint(request);
    // A known key answers with its first result even if the rules changed since.
    Optional<Order> existing = store.find(key);
    if (existing.isPresent()) {
      return replay(existing.get(), fingerprint);
    }
    if (request.customer().startsWith(BLOCKED_PREFIX)) {
      throw new UpstreamProblemException(
          ProblemType.ORDER_DECLINED, "Customer '" + request.customer() + "' is blocked");
    }
    String orderId = "ord_" + UUID.randomUUID().toString().replace("-", "");
    if (!store.insertIfAbsent(key, orderId, fingerprint, request)) {
      // Lost a race with a concurrent duplicate that has committed by now.
      return replay(stored(key), fingerprint);
    }
    effects.record(key, EffectKind.ORDER_CREATE);
    return new Outcome<>(stored(key), false);
  }

  /** Cancels once: the cancellation row and its effect commit together, duplicates replay. */
  @Transactional
  Outcome<Order> cancel(String key) {
    if (store.find(key).isEmpty()) {
      throw notFound(key);
    }
    boolean cancelledNow = store.insertCancellationIfAbsent(key);
    if (cancelledNow) {
      effects.record(key, EffectKind.ORDER_CANCEL);
    }
    return new Outcome<>(stored(key), !cancelledNow);
  }

  @Transactional(readOnly = true)
  Order find(String key) {
    return store.find(key).orElseThrow(() -> notFound(key));
  }

  private Order stored(String key) {
    return store.find(key).orElseThrow(() -> new IllegalStateException("no order after insert"));
  }

  private static Outcome<Order> replay(Order order, String fingerprint) {
    if (!order.fingerprint().equals(fingerprint)) {
      throw new UpstreamProblemException(
          ProblemType.IDEMPOTENCY_KEY_REUSED,
          "Idempotency-Key '" + order.key() + "' was first used with a different order");
    }
    return new Outcome<>(order, true);
  }

  /** The total compares by value: 12.5, 12.50 and "12.50" are the same order. */
  static String fingerprint(OrderRequest request) {
    List<String> parts = new ArrayList<>();
    parts.add(request.customer());
    parts.add(request.currency());
    parts.add(request.total().stripTrailingZeros().toPlainString());
    request.items().stream().map(LineItem::canonical).forEach(parts::add);
    return Idempotency.fingerprint(parts);
  }

  private static UpstreamProblemException notFound(String key) {
    return new UpstreamProblemException(
        ProblemType.ORDER_NOT_FOUND, "No order created for key '" + key + "'");
  }
}
