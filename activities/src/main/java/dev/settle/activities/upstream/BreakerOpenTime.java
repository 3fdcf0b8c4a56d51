package dev.settle.activities.upstream;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * settle_breaker_open_seconds_total{upstream}: how long each breaker has refused calls, counted
 * from its state transitions. A scrape while a breaker is open includes the interval still running,
 * so {@code rate()} shows an outage as it happens, not only once the breaker closes. Registered for
 * every breaker when the worker starts, so the series exists (at 0) before the first transition.
 */
@Component
public class BreakerOpenTime {
  private final MeterRegistry meters;
  private final Clock clock;

  @Autowired
  public BreakerOpenTime(CircuitBreakerRegistry breakers, MeterRegistry meters) {
    this(breakers, meters, Clock.systemUTC());
  }

  BreakerOpenTime(CircuitBreakerRegistry breakers, MeterRegistry meters, Clock clock) {
    this.meters = meters;
    this.clock = clock;
    breakers.getAllCircuitBreakers().forEach(this::track);
    breakers.getEventPublisher().onEntryAdded(added -> track(added.getAddedEntry()));
  }

  private void track(CircuitBreaker breaker) {
    OpenInterval open = new OpenInterval(clock, refuses(breaker.getState()));
    breaker
        .getEventPublisher()
        .onStateTransition(event -> open.moveTo(refuses(event.getStateTransition().getToState())));
    FunctionCounter.builder("settle.breaker.open", open, OpenInterval::seconds)
        .description("Time the upstream's circuit breaker spent open (refusing calls)")
        .baseUnit("seconds")
        .tag("upstream", breaker.getName())
        .register(meters);
  }

  /** OPEN and FORCED_OPEN refuse every call; HALF_OPEN lets probes through and does not count. */
  private static boolean refuses(CircuitBreaker.State state) {
    return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
  }

  /** Closed intervals summed, plus the one still open. Transitions come from any calling thread. */
  static final class OpenInterval {
    private final Clock clock;
    private long closedMillis;
    private long openSince = -1;

    OpenInterval(Clock clock, boolean openNow) {
      this.clock = clock;
      if (openNow) {
        openSince = clock.millis();
      }
    }

    synchronized void moveTo(boolean open) {
      long now = clock.millis();
      if (open && openSince < 0) {
        openSince = now;
      } else if (!open && openSince >= 0) {
        closedMillis += now - openSince;
        openSince = -1;
      }
    }

    synchronized double seconds() {
      long running = openSince < 0 ? 0 : Math.max(0, clock.millis() - openSince);
      return (closedMillis + running) / 1000.0;
    }
  }
}
