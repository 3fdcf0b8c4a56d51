package dev.settle.upstream.payment;

import dev.settle.upstream.UpstreamSimProperties;
import dev.settle.upstream.effect.EffectKind;
import dev.settle.upstream.effect.EffectLog;
import dev.settle.upstream.problem.ProblemType;
import dev.settle.upstream.problem.UpstreamProblemException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a payment, and its refund, at most once per idempotency key, the way a well-behaved
 * provider would.
 */
@Service
class PaymentService {

  static final String BLOCKED_PREFIX = "blocked-";

  private final PaymentStore store;
  private final EffectLog effects;
  private final UpstreamSimProperties properties;

  PaymentService(PaymentStore store, EffectLog effects, UpstreamSimProperties properties) {
    this.store = store;
    this.effects = effects;
    this.properties = properties;
  }

  /** The stored payment, and whether this call only replayed it. */
  record Outcome(Payment payment, boolean replayed) {}

  @Transactional
  Outcome apply(String key, PaymentRequest request) {
    String fingerprint = Fingerprint.of(request);
    // A known key answers with its first result even if the rules changed since.
    Optional<Payment> existing = store.find(key);
    if (existing.isPresent()) {
      return replay(existing.get(), fingerprint);
    }
    refuseIfRejected(request);
    Optional<Payment> inserted = store.insertIfAbsent(key, newId("pay_"), fingerprint, request);
    if (inserted.isEmpty()) {
      // Lost a race with a concurrent duplicate that has committed by now.
      Payment winner =
          store.find(key).orElseThrow(() -> new IllegalStateException("conflict without a row"));
      return replay(winner, fingerprint);
    }
    effects.record(key, EffectKind.PAYMENT_CHARGE);
    return new Outcome(inserted.get(), false);
  }

  /**
   * Refunds the charge under the key once. The refund row and its effect commit together; a
   * duplicate, concurrent or late, finds the row and only replays.
   */
  @Transactional
  Outcome refund(String key) {
    if (store.find(key).isEmpty()) {
      throw notFound(key);
    }
    boolean refundedNow = store.insertRefundIfAbsent(key, newId("ref_"));
    if (refundedNow) {
      effects.record(key, EffectKind.PAYMENT_REFUND);
    }
    Payment refunded =
        store.find(key).orElseThrow(() -> new IllegalStateException("refund without a payment"));
    return new Outcome(refunded, !refundedNow);
  }

  static UpstreamProblemException notFound(String key) {
    return new UpstreamProblemException(
        ProblemType.PAYMENT_NOT_FOUND, "No payment applied for key '" + key + "'");
  }

  @Transactional(readOnly = true)
  Optional<Payment> find(String key) {
    return store.find(key);
  }

  private static String newId(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "");
  }

  private static Outcome replay(Payment payment, String fingerprint) {
    if (!payment.fingerprint().equals(fingerprint)) {
      throw new UpstreamProblemException(
          ProblemType.IDEMPOTENCY_KEY_REUSED,
          "Idempotency-Key '" + payment.key() + "' was first used with a different request");
    }
    return new Outcome(payment, true);
  }

  private void refuseIfRejected(PaymentRequest request) {
    if (request.debitAccount().startsWith(BLOCKED_PREFIX)) {
      throw new UpstreamProblemException(
          ProblemType.DECLINED, "Account '" + request.debitAccount() + "' is blocked");
    }
    if (request.amount().compareTo(properties.declineAbove()) > 0) {
      throw new UpstreamProblemException(
          ProblemType.INSUFFICIENT_FUNDS,
          "Amount " + request.amount().toPlainString() + " exceeds the available funds");
    }
  }
}
