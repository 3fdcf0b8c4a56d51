package dev.settle.upstream.fault;

import static dev.settle.upstream.fault.FaultMode.Target.APPLY;
import static dev.settle.upstream.fault.FaultMode.Target.LOOKUP;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FaultRulesTest {

  private final Deque<Double> rolls = new ArrayDeque<>();
  private final FaultRules rules = new FaultRules(() -> rolls.isEmpty() ? 0.5 : rolls.pop());

  @Test
  void noRulesMeansNoFault() {
    assertThat(rules.fire(APPLY, "/payments")).isEmpty();
  }

  @Test
  void unlimitedRuleFiresEveryTimeAndStays() {
    rules.add(FaultMode.FAIL_BEFORE_COMMIT, 1.0, null, null, null);

    for (int i = 0; i < 5; i++) {
      assertThat(rules.fire(APPLY, "/payments"))
          .map(FaultRule::mode)
          .contains(FaultMode.FAIL_BEFORE_COMMIT);
    }
    assertThat(rules.active())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.count()).isNull();
              assertThat(r.fired()).isEqualTo(5);
            });
  }

  @Test
  void countedRuleIsSpentAndRemovedAfterItsLastFiring() {
    rules.add(FaultMode.FAIL_BEFORE_COMMIT, 1.0, 2, null, null);

    assertThat(rules.fire(APPLY, "/payments")).map(FaultRule::count).contains(1);
    assertThat(rules.fire(APPLY, "/payments")).map(FaultRule::count).contains(0);
    assertThat(rules.fire(APPLY, "/payments")).isEmpty();
    assertThat(rules.active()).isEmpty();
  }

  @Test
  void probabilityDecidesWhetherARuleFires() {
    rules.add(FaultMode.FAIL_BEFORE_COMMIT, 0.3, null, null, null);

    rolls.push(0.29);
    assertThat(rules.fire(APPLY, "/payments")).isPresent();
    rolls.push(0.3);
    assertThat(rules.fire(APPLY, "/payments")).isEmpty();
    rolls.push(0.99);
    assertThat(rules.fire(APPLY, "/payments")).isEmpty();
  }

  @Test
  void aRuleThatDoesNotFireUsesNoCount() {
    rules.add(FaultMode.FAIL_BEFORE_COMMIT, 0.5, 1, null, null);

    rolls.push(0.9);
    assertThat(rules.fire(APPLY, "/payments")).isEmpty();
    assertThat(rules.active()).singleElement().extracting(FaultRule::count).isEqualTo(1);
  }

  @Test
  void probabilityZeroNeverFiresAndOneAlwaysDoes() {
    FaultRules extremes = new FaultRules(() -> 0.0);
    extremes.add(FaultMode.FAIL_BEFORE_COMMIT, 0.0, null, null, null);
    assertThat(extremes.fire(APPLY, "/payments")).isEmpty();

    FaultRules high = new FaultRules(() -> 0.999999);
    high.add(FaultMode.FAIL_BEFORE_COMMIT, 1.0, null, null, null);
    assertThat(high.fire(APPLY, "/payments")).isPresent();
  }

  @Test
  void firstMatchingRuleThatFiresWinsAndLaterOnesKeepTheirCount() {
    rules.add(FaultMode.NONE, 1.0, 1, null, null);
    rules.add(FaultMode.FAIL_BEFORE_COMMIT, 1.0, 1, null, null);

    assertThat(rules.fire(APPLY, "/payments")).map(FaultRule::mode).contains(FaultMode.NONE);
    assertThat(rules.fire(APPLY, "/payments"))
        .map(FaultRule::mode)
        .contains(FaultMode.FAIL_BEFORE_COMMIT);
    assertThat(rules.fire(APPLY, "/payments")).isEmpty();
  }

  @Test
  void aRuleThatMissesItsRollLetsTheNextOneFire() {
    rules.add(FaultMode.LATENCY, 0.5, null, null, null);
    rules.add(FaultMode.FAIL_BEFORE_COMMIT, 1.0, null, null, null);

    rolls.push(0.7);
    assertThat(rules.fire(APPLY, "/payments"))
        .map(FaultRule::mode)
        .contains(FaultMode.FAIL_BEFORE_COMMIT);
  }

  @Test
  void modesOnlyHitTheirKindOfRequest() {
    rules.add(FaultMode.STATUS_UNAVAILABLE, 1.0, null, null, null);
    assertThat(rules.fire(APPLY, "/payments")).isEmpty();
    assertThat(rules.fire(LOOKUP, "/payments/k1")).isPresent();

    rules.clear();
    rules.add(FaultMode.COMMIT_THEN_RESET, 1.0, null, null, null);
    assertThat(rules.fire(LOOKUP, "/payments/k1")).isEmpty();
  }

  @Test
  void pathRestrictsARuleToRequestsUnderIt() {
    rules.add(FaultMode.STATUS_UNAVAILABLE, 1.0, null, null, "/payments/order-");

    assertThat(rules.fire(LOOKUP, "/payments/order-17")).isPresent();
    assertThat(rules.fire(LOOKUP, "/payments/refund-17")).isEmpty();
  }

  @Test
  void clearRemovesEverythingAndIdsKeepIncreasing() {
    FaultRule first = rules.add(FaultMode.NONE, 1.0, null, null, null);
    rules.clear();
    FaultRule second = rules.add(FaultMode.NONE, 1.0, null, null, null);

    assertThat(rules.active()).extracting(FaultRule::id).containsExactly(second.id());
    assertThat(second.id()).isNotEqualTo(first.id());
  }

  @Test
  void concurrentRequestsNeverFireACountedRuleMoreThanItsCount() throws Exception {
    FaultRules shared = new FaultRules();
    shared.add(FaultMode.FAIL_BEFORE_COMMIT, 1.0, 100, null, null);
    AtomicInteger fired = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Runnable> tasks =
          Collections.nCopies(
              1000,
              () -> {
                Optional<FaultRule> hit = shared.fire(APPLY, "/payments");
                hit.ifPresent(r -> fired.incrementAndGet());
              });
      tasks.forEach(pool::execute);
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(fired).hasValue(100);
    assertThat(shared.active()).isEmpty();
  }
}
