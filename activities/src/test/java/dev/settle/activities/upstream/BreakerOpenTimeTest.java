package dev.settle.activities.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BreakerOpenTimeTest {
  final MutableClock clock = new MutableClock();
  final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
  final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @Test
  void exportedAtZeroForEveryBreakerBeforeAnyTransition() {
    breakers.circuitBreaker("payments");
    new BreakerOpenTime(breakers, meters, clock);

    assertThat(meters.scrape())
        .contains("settle_breaker_open_seconds_total{upstream=\"payments\"} 0.0");
  }

  @Test
  void countsTheStillOpenIntervalAtScrapeTimeAndStopsWhenItCloses() {
    CircuitBreaker payments = breakers.circuitBreaker("payments");
    new BreakerOpenTime(breakers, meters, clock);

    payments.transitionToOpenState();
    clock.advance(Duration.ofSeconds(4));
    assertThat(seconds("payments")).isEqualTo(4.0);

    clock.advance(Duration.ofSeconds(1));
    payments.transitionToHalfOpenState(); // probes go through: not open any more
    clock.advance(Duration.ofSeconds(10));
    assertThat(seconds("payments")).isEqualTo(5.0);

    payments.transitionToOpenState();
    clock.advance(Duration.ofMillis(2500));
    payments.transitionToHalfOpenState();
    payments.transitionToClosedState();
    clock.advance(Duration.ofMinutes(1));
    assertThat(seconds("payments")).isEqualTo(7.5);
  }

  @Test
  void breakersCreatedLaterAreTrackedSeparately() {
    new BreakerOpenTime(breakers, meters, clock);
    CircuitBreaker inventory = breakers.circuitBreaker("inventory");
    breakers.circuitBreaker("orders");

    inventory.transitionToForcedOpenState();
    clock.advance(Duration.ofSeconds(3));

    assertThat(seconds("inventory")).isEqualTo(3.0);
    assertThat(seconds("orders")).isZero();
  }

  private double seconds(String upstream) {
    return meters.get("settle.breaker.open").tag("upstream", upstream).functionCounter().count();
  }

  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
