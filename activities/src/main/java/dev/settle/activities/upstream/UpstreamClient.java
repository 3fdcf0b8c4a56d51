package dev.settle.activities.upstream;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Sends one HTTP request to an upstream with the configured timeouts and tells what it means.
 * Mutating calls go through the upstream's circuit breaker; read-only status lookups do not,
 * because reconciliation paces them itself and must keep asking while the breaker is open.
 */
@Component
public class UpstreamClient {
  static final String BREAKER_OPEN = "breaker_open";
  private final HttpClient http;
  private final UpstreamProperties properties;
  private final CircuitBreakerRegistry breakers;
  private final MeterRegistry meters;

  public UpstreamClient(
      UpstreamProperties properties, CircuitBreakerRegistry breakers, MeterRegistry meters) {
    this.properties = properties;
    this.breakers = breakers;
    this.meters = meters;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(properties.connectTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    // Every series at 0 from startup, so the share of ambiguous calls is 0, not "no data".
    breakers
        .getAllCircuitBreakers()
        .forEach(
            breaker -> {
              for (CallOutcome outcome : CallOutcome.values()) {
                timer(breaker.getName(), outcomeTag(outcome));
              }
              timer(breaker.getName(), BREAKER_OPEN);
            });
  }

  /**
   * What came back: the outcome, and the status and body when there was an answer. {@code
   * retryNotBefore} is how long a try again would be refused anyway (the breaker's open time), zero
   * when nothing is known.
   */
  public record Answer(
      CallOutcome outcome, int status, String body, String error, Duration retryNotBefore) {
    public Answer(CallOutcome outcome, int status, String body, String error) {
      this(outcome, status, body, error, Duration.ZERO);
    }

    public String describe() {
      return error != null ? error : "HTTP " + status;
    }
  }

  public URI resolve(String path) {
    return properties.baseUrl().resolve(path);
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(resolve(path)).timeout(properties.readTimeout());
  }

  /**
   * A mutating call, guarded by the named upstream's circuit breaker. {@code beforeSend} runs once
   * the breaker lets the call through, just before the request leaves, and only then; if it throws,
   * nothing is sent and the exception propagates.
   */
  public Answer callGuarded(String upstream, HttpRequest request, Runnable beforeSend) {
    CircuitBreaker breaker = breakers.circuitBreaker(upstream);
    try {
      breaker.acquirePermission();
    } catch (CallNotPermittedException open) {
      timer(upstream, BREAKER_OPEN).record(0, TimeUnit.NANOSECONDS);
      // An open breaker refuses every call until its wait ends: trying sooner only fails again.
      // Its full wait bounds what remains of it.
      long openWaitMillis =
          breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1);
      return new Answer(
          CallOutcome.NOT_EXECUTED,
          0,
          null,
          "circuit breaker " + upstream + " is open",
          Duration.ofMillis(Math.max(0, openWaitMillis)));
    }
    try {
      beforeSend.run();
    } catch (RuntimeException notSent) {
      // The call never happened: give a half-open breaker its trial slot back.
      breaker.releasePermission();
      throw notSent;
    }
    long started = System.nanoTime();
    Answer answer = byTable(upstream, call(request));
    long elapsed = System.nanoTime() - started;
    timer(upstream, outcomeTag(answer.outcome())).record(elapsed, TimeUnit.NANOSECONDS);
    if (answer.outcome() == CallOutcome.NOT_EXECUTED || answer.outcome() == CallOutcome.AMBIGUOUS) {
      breaker.onError(elapsed, TimeUnit.NANOSECONDS, new UpstreamCallException(answer.describe()));
    } else {
      breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
    }
    return answer;
  }

  /** What the answer means by the upstream's own status table (statuses only; errors stay). */
  private Answer byTable(String upstream, Answer answer) {
    if (answer.status() == 0) {
      return answer;
    }
    return new Answer(
        properties.statusTable(upstream).classify(answer.status()),
        answer.status(),
        answer.body(),
        answer.error(),
        answer.retryNotBefore());
  }

  /** A call without a breaker. */
  public Answer call(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(
          OutcomeClassifier.ofStatus(response.statusCode()),
          response.statusCode(),
          response.body(),
          null);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return new Answer(
          CallOutcome.AMBIGUOUS, 0, null, "interrupted while waiting for the upstream");
    } catch (IOException | RuntimeException failure) {
      return new Answer(OutcomeClassifier.ofException(failure), 0, null, failure.toString());
    }
  }

  /**
   * settle_upstream_call_seconds{upstream, outcome}: latency of mutating calls with percentiles and
   * histogram buckets; the share of ambiguous outcomes (mostly timeouts) follows from the counts.
   */
  private Timer timer(String upstream, String outcome) {
    return Timer.builder("settle.upstream.call")
        .description("Mutating calls to an upstream, by how they ended")
        .tag("upstream", upstream)
        .tag("outcome", outcome)
        .publishPercentiles(0.5, 0.95, 0.99)
        .publishPercentileHistogram()
        .register(meters);
  }

  private static String outcomeTag(CallOutcome outcome) {
    return switch (outcome) {
      case EXECUTED -> "ok";
      case REJECTED -> "rejected";
      case MISCONFIGURED -> "misconfigured";
      case NOT_EXECUTED -> "retryable";
      case AMBIGUOUS -> "ambiguous";
    };
  }

  /** Recorded by the breaker as the reason for a failed call. */
  static final class UpstreamCallException extends RuntimeException {
    UpstreamCallException(String message) {
      super(message, null, false, false);
    }
  }
}
