package dev.settle.stackkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.settle.stackkit.LoopbackPorts;
import dev.settle.stackkit.http.Http.Answer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a small local server that answers what each test needs. */
class HttpTest {
  final Http http = new Http(Duration.ofSeconds(2), Duration.ofSeconds(2));
  final Map<String, String> seen = new ConcurrentHashMap<>();
  HttpServer server;
  String base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/v1/payments",
        exchange -> {
          seen.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
          seen.put("key", exchange.getRequestHeaders().getFirst("Idempotency-Key"));
          seen.put("body", new String(exchange.getRequestBody().readAllBytes(), UTF8));
          reply(exchange, 201, "{\"status\":\"CONFIRMED\"}");
        });
    server.createContext(
        "/v1/operations/",
        exchange -> {
          seen.put("path", exchange.getRequestURI().getRawPath());
          reply(exchange, 503, "{\"type\":\"https://settle.dev/problems/engine-unavailable\"}");
        });
    server.createContext("/text", exchange -> reply(exchange, 200, "not json"));
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void theGatewayClientSendsItsKeyAndTheOperationsKey() {
    GatewayClient gateway = GatewayClient.demo(http, base);

    Answer answer = gateway.submit("/v1/payments", "k 1", "{\"amount\":\"1.00\"}");

    assertThat(answer.expect("POST", 201, 202).gist()).isEqualTo("CONFIRMED");
    assertThat(seen)
        .containsEntry("authorization", "Bearer " + GatewayClient.DEMO_API_KEY)
        .containsEntry("key", "k 1")
        .containsEntry("body", "{\"amount\":\"1.00\"}");
  }

  @Test
  void aProblemIsKnownByTheLastSegmentOfItsTypeAndAnUnexpectedStatusThrows() {
    Answer answer = GatewayClient.demo(http, base).operation("demo/k 1");

    assertThat(seen).containsEntry("path", "/v1/operations/demo%2Fk%201");
    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.problemType()).isEqualTo("engine-unavailable");
    assertThatThrownBy(() -> answer.expect("GET /v1/operations", 200))
        .isInstanceOf(Http.UnexpectedAnswer.class)
        .hasMessageContaining("HTTP 503");
  }

  @Test
  void aBodyThatIsNotJsonIsKeptAsText() {
    assertThat(http.get(base + "/text").body().asText()).isEqualTo("not json");
  }

  @Test
  void nothingListeningIsAnAnswerWithoutStatus() {
    Answer answer = http.get("http://127.0.0.1:" + LoopbackPorts.free() + "/");

    assertThat(answer.transportFailure()).isTrue();
    assertThat(answer.gist()).isEqualTo("no answer (CONNECT)");
    assertThatThrownBy(() -> answer.expect("GET /", 200))
        .hasMessage("GET / answered no answer (CONNECT)");
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(UTF8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
