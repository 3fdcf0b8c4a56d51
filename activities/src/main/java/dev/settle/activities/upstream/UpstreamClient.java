package dev.settle.activities.upstream;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Sends one HTTP request to an upstream with the configured timeouts and tells what it means.
 * Mutating calls go through the upstream's circuit breaker; read-only status lookups do not, because
 * reconciliation paces them itself and must keep asking while the breaker is open.
 */
@Component
public class UpstreamClient {
  private final HttpClient http;
  private final UpstreamProperties properties;
  private final CircuitBreakerRegistry breakers;

  public UpstreamClient(UpstreamProperties properties, CircuitBreakerRegistry breakers) {
    this.properties = properties;
    this.breakers = breakers;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(properties.connectTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /** What came back: the outcome, and the status and body when there was an answer. */
  public record Answer(CallOutcome outcome, int status, String body, String error) {
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

  /** A mutating call, guarded by the named upstream's circuit breaker. */
  public Answer callGuarded(String upstream, HttpRequest request) {
    CircuitBreaker breaker = breakers.circuitBreaker(upstream);
    try {
      breaker.acquirePermission();
    } catch (CallNotPermittedException open) {
      return new Answer(CallOutcome.NOT_EXECUTED, 0, null, "circuit breaker " + upstream + " is open");
    }
    long started = System.nanoTime();
    Answer answer = call(request);
    long elapsed = System.nanoTime() - started;
    if (answer.outcome() == CallOutcome.NOT_EXECUTED || answer.outcome() == CallOutcome.AMBIGUOUS) {
      breaker.onError(elapsed, TimeUnit.NANOSECONDS, new UpstreamCallException(answer.describe()));
    } else {
      breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
    }
    return answer;
  }

  /** A call without a breaker. */
  public Answer call(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(
          OutcomeClassifier.ofStatus(response.statusCode()), response.statusCode(), response.body(), null);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return new Answer(CallOutcome.AMBIGUOUS, 0, null, "interrupted while waiting for the upstream");
    } catch (IOException | RuntimeException failure) {
      return new Answer(OutcomeClassifier.ofException(failure), 0, null, failure.toString());
    }
  }

  /** Recorded by the breaker as the reason for a failed call. */
  static final class UpstreamCallException extends RuntimeException {
    UpstreamCallException(String message) {
      super(message, null, false, false);
    }
  }
}
