package dev.settle.activities.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.settle.activities.upstream.CallJournal.Call;
import dev.settle.activities.upstream.UpstreamClient.Answer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A try that is refused ("did not execute") is only honest about itself: after an earlier try of
 * the same activity went out unanswered, the answer is ambiguous. Real HTTP on loopback; the
 * journal is kept in memory here (the PostgreSQL one is exercised end to end by WorkerRestartIT).
 */
class UpstreamCallsTest {
  final AtomicInteger answerStatus = new AtomicInteger(503);
  final AtomicInteger requests = new AtomicInteger();
  final MemoryJournal journal = new MemoryJournal();
  final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
  HttpServer server;
  UpstreamCalls calls;

  @BeforeEach
  void upstream() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          exchange.getRequestBody().readAllBytes();
          byte[] body = "{\"paymentId\":\"p-1\"}".getBytes();
          exchange.sendResponseHeaders(answerStatus.get(), body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    UpstreamProperties properties =
        new UpstreamProperties(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofMillis(500),
            Duration.ofSeconds(10),
            Duration.ofMinutes(10),
            Map.of(
                "inventory",
                new StatusTable(
                    Set.of(400, 409), Set.of(503), StatusTable.DEFAULT.misconfigured())));
    calls =
        new UpstreamCalls(
            new UpstreamClient(properties, breakers, new SimpleMeterRegistry()),
            properties,
            new ObjectMapper(),
            journal);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aRefusedRetryAfterAnUnansweredTryIsAmbiguous() {
    journal.sentWithoutAnswer(attempt(1));

    Answer answer = calls.post(attempt(2), Map.of());

    assertThat(answer.outcome()).isEqualTo(CallOutcome.AMBIGUOUS);
    assertThat(answer.describe()).contains("attempt 1 was sent and never answered", "HTTP 503");
  }

  @Test
  void aBreakerRefusalAfterAnUnansweredTryIsAmbiguousAndSendsNothing() {
    journal.sentWithoutAnswer(attempt(1));
    breakers.circuitBreaker("payments").transitionToForcedOpenState();

    Answer answer = calls.post(attempt(3), Map.of());

    assertThat(answer.outcome()).isEqualTo(CallOutcome.AMBIGUOUS);
    assertThat(requests).hasValue(0);
    assertThat(journal.events).containsExactly("1 SENT");
  }

  @Test
  void anOpenBreakerSaysHowLongATryAgainWouldBeRefusedAnyway() {
    CircuitBreaker payments = breakers.circuitBreaker("payments");
    payments.transitionToOpenState();

    Answer answer = calls.post(attempt(1), Map.of());

    assertThat(answer.outcome()).isEqualTo(CallOutcome.NOT_EXECUTED);
    assertThat(answer.retryNotBefore())
        .isEqualTo(
            Duration.ofMillis(
                payments.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1)))
        .isPositive();
    assertThat(requests).hasValue(0);
  }

  @Test
  void refusalsAfterOnlyRefusedTriesStayNotExecuted() {
    Answer first = calls.post(attempt(1), Map.of());
    Answer second = calls.post(attempt(2), Map.of());

    assertThat(first.outcome()).isEqualTo(CallOutcome.NOT_EXECUTED);
    assertThat(second.outcome()).isEqualTo(CallOutcome.NOT_EXECUTED);
    assertThat(journal.events)
        .containsExactly("1 SENT", "1 ANSWERED NOT_EXECUTED", "2 SENT", "2 ANSWERED NOT_EXECUTED");
  }

  @Test
  void anExecutedRetryIsJournaledAsSuch() {
    journal.sentWithoutAnswer(attempt(1));
    answerStatus.set(201);

    Answer answer = calls.post(attempt(2), Map.of());

    assertThat(answer.outcome()).isEqualTo(CallOutcome.EXECUTED);
    assertThat(journal.events).containsExactly("1 SENT", "2 SENT", "2 ANSWERED EXECUTED");
  }

  @Test
  void aLocalTryRunAgainAfterItsWorkerWasLostLeavesTheFirstRequestUnanswered() {
    journal.sentWithoutAnswer(attempt(1));

    Answer again = calls.post(attempt(1), Map.of());
    Answer takeover = calls.post(attempt(2), Map.of());

    assertThat(again.outcome()).isEqualTo(CallOutcome.NOT_EXECUTED);
    assertThat(journal.events)
        .as("a refusal of the second request is not the answer to the first")
        .containsExactly("1 SENT", "2 SENT", "2 ANSWERED NOT_EXECUTED");
    assertThat(takeover.outcome())
        .as("the activity taking over knows the first request may have acted")
        .isEqualTo(CallOutcome.AMBIGUOUS);
  }

  @Test
  void whenTheSendCannotBeJournaledNothingIsSentAndTheBreakerSlotIsReturned() {
    CircuitBreaker payments = breakers.circuitBreaker("payments");
    payments.transitionToOpenState();
    payments.transitionToHalfOpenState();
    journal.failing = true;

    assertThatThrownBy(() -> calls.post(attempt(1), Map.of()))
        .isInstanceOf(IllegalStateException.class);

    assertThat(requests).hasValue(0);
    // All three half-open trial calls are still available.
    assertThat(payments.tryAcquirePermission()).isTrue();
    assertThat(payments.tryAcquirePermission()).isTrue();
    assertThat(payments.tryAcquirePermission()).isTrue();
  }

  @Test
  void eachUpstreamsStatusesMeanWhatItsTableSays() {
    answerStatus.set(401);
    assertThat(calls.post(attempt(1), Map.of()).outcome())
        .as("401 from the payments upstream: our credentials are wrong")
        .isEqualTo(CallOutcome.MISCONFIGURED);
    answerStatus.set(404);
    assertThat(calls.post(attempt(1), Map.of()).outcome())
        .as("404 on a charge: our endpoint is wrong")
        .isEqualTo(CallOutcome.MISCONFIGURED);
    answerStatus.set(409);
    assertThat(calls.post(attempt(1), Map.of()).outcome())
        .as("409 from payments: maybe another request with the key in flight")
        .isEqualTo(CallOutcome.AMBIGUOUS);
    assertThat(calls.post(inventory(), Map.of()).outcome())
        .as("409 from the inventory: insufficient stock, a refusal")
        .isEqualTo(CallOutcome.REJECTED);
    answerStatus.set(418);
    assertThat(calls.post(attempt(1), Map.of()).outcome())
        .as("a status no list names")
        .isEqualTo(CallOutcome.AMBIGUOUS);
    answerStatus.set(402);
    assertThat(calls.post(attempt(1), Map.of()).outcome()).isEqualTo(CallOutcome.REJECTED);
  }

  private static Call inventory() {
    return new Call("demo/k-1/run-1/2", 1, "inventory", "/inventory/reservations", "demo/k-1");
  }

  private static Call attempt(int number) {
    return new Call("demo/k-1/run-1/1", number, "payments", "/payments", "demo/k-1");
  }

  /** The journal's contract, in memory. */
  static final class MemoryJournal implements CallJournal {
    final List<String> events = new ArrayList<>();
    boolean failing;

    void sentWithoutAnswer(Call call) {
      sent(call);
    }

    @Override
    public boolean sent(Call call) {
      if (failing) {
        throw new IllegalStateException("journal unavailable");
      }
      if (events.contains(call.attempt() + " SENT")) {
        return false;
      }
      events.add(call.attempt() + " SENT");
      return true;
    }

    @Override
    public void answered(Call call, CallOutcome outcome, String detail) {
      events.add(call.attempt() + " ANSWERED " + outcome);
    }

    @Override
    public OptionalInt earlierAttemptThatMayHaveActed(Call call) {
      return events.stream()
          .filter(e -> e.endsWith(" SENT"))
          .mapToInt(e -> Integer.parseInt(e.split(" ")[0]))
          .filter(n -> n < call.attempt())
          .filter(n -> !events.contains(n + " ANSWERED " + CallOutcome.NOT_EXECUTED))
          .min();
    }
  }
}
