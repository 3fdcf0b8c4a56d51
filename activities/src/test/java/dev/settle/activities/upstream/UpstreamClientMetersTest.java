package dev.settle.activities.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** settle_upstream_call_seconds exists at 0 for every upstream and outcome from startup. */
class UpstreamClientMetersTest {

  @Test
  void everyOutcomeOfEveryUpstreamIsThereBeforeTheFirstCall() {
    CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    breakers.circuitBreaker("payments");
    breakers.circuitBreaker("inventory");
    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    new UpstreamClient(
        new UpstreamProperties(
            URI.create("http://127.0.0.1:9"),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofMillis(500),
            Duration.ofSeconds(10),
            Duration.ofMinutes(10),
            null),
        breakers,
        meters);

    assertThat(meters.get("settle.upstream.call").tag("upstream", "payments").timers())
        .extracting(timer -> timer.getId().getTag("outcome"))
        .containsExactlyInAnyOrder(
            "ok", "rejected", "retryable", "ambiguous", "misconfigured", "breaker_open");
    assertThat(meters.get("settle.upstream.call").timers())
        .hasSize(12)
        .allMatch(timer -> timer.count() == 0)
        .extracting(Timer::getId)
        .allMatch(id -> id.getDescription() != null);
  }
}
