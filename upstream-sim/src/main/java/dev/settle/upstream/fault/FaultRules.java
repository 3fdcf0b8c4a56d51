package dev.settle.upstream.fault;

import dev.settle.upstream.effect.EffectKind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

/**
 * The ordered, in-memory rule list. The first rule that matches a request and fires wins; a firing
 * uses up one count and a rule with none left is removed. All access is synchronized: the list is
 * tiny and a firing must decrement exactly once even under concurrent requests.
 */
@Component
class FaultRules {

  private final DoubleSupplier random;
  private final List<ActiveRule> rules = new ArrayList<>();
  private long nextId = 1;

  FaultRules() {
    this(() -> ThreadLocalRandom.current().nextDouble());
  }

  /** Tests pass a scripted random source to make probability decisions deterministic. */
  FaultRules(DoubleSupplier random) {
    this.random = random;
  }

  /** A rule for any operation. */
  FaultRule add(
      FaultMode mode,
      double probability,
      @Nullable Integer count,
      @Nullable Long latencyMs,
      @Nullable String path) {
    return add(mode, probability, count, latencyMs, path, null);
  }

  synchronized FaultRule add(
      FaultMode mode,
      double probability,
      @Nullable Integer count,
      @Nullable Long latencyMs,
      @Nullable String path,
      @Nullable EffectKind operation) {
    ActiveRule rule =
        new ActiveRule("fault-" + nextId++, mode, probability, count, latencyMs, path, operation);
    rules.add(rule);
    return rule.snapshot();
  }

  synchronized List<FaultRule> active() {
    return rules.stream().map(ActiveRule::snapshot).toList();
  }

  synchronized void clear() {
    rules.clear();
  }

  /** For a request that performs no particular operation, such as a status lookup. */
  Optional<FaultRule> fire(FaultMode.Target target, String path) {
    return fire(target, path, null);
  }

  /**
   * Returns the rule that fired for this request, already counted, if any.
   *
   * @param operation what the request does; {@code null} for requests that apply nothing
   */
  synchronized Optional<FaultRule> fire(
      FaultMode.Target target, String path, @Nullable EffectKind operation) {
    Iterator<ActiveRule> it = rules.iterator();
    while (it.hasNext()) {
      ActiveRule rule = it.next();
      if (!rule.matches(target, path, operation) || !rolls(rule.probability)) {
        continue;
      }
      rule.fired++;
      if (rule.remaining != null) {
        rule.remaining--;
        if (rule.remaining == 0) {
          it.remove();
        }
      }
      return Optional.of(rule.snapshot());
    }
    return Optional.empty();
  }

  private boolean rolls(double probability) {
    // probability 1.0 must always fire and 0.0 never, whatever the random source returns.
    return probability >= 1.0 || (probability > 0.0 && random.getAsDouble() < probability);
  }

  /** Mutable bookkeeping, only ever touched under the list's lock. */
  private static final class ActiveRule {
    private final String id;
    private final FaultMode mode;
    private final double probability;
    private final Long latencyMs;
    private final String path;
    private final EffectKind operation;
    private Integer remaining;
    private long fired;

    ActiveRule(
        String id,
        FaultMode mode,
        double probability,
        Integer count,
        Long latencyMs,
        String path,
        EffectKind operation) {
      this.id = id;
      this.mode = mode;
      this.probability = probability;
      this.remaining = count;
      this.latencyMs = latencyMs;
      this.path = path;
      this.operation = operation;
    }

    /** Target, path prefix and operation must all match; an unset path or operation matches any. */
    boolean matches(FaultMode.Target target, String requestPath, EffectKind requestOperation) {
      return mode.target() == target
          && (path == null || requestPath.startsWith(path))
          && (operation == null || operation == requestOperation);
    }

    FaultRule snapshot() {
      return new FaultRule(id, mode, probability, remaining, latencyMs, path, operation, fired);
    }
  }
}
