package dev.settle.activities.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.settle.workflows.callback.DeliveryResult;
import dev.settle.workflows.callback.Notification;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One delivery attempt against a real HTTP receiver on loopback. */
class CallbackActivitiesImplTest {
  record Received(String deliveryId, String signature, String body) {}

  final ObjectMapper json = new ObjectMapper();
  final List<Received> received = new CopyOnWriteArrayList<>();
  final AtomicInteger answer = new AtomicInteger(204);
  HttpServer receiver;
  CallbackActivitiesImpl activities;

  @BeforeEach
  void start() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          received.add(
              new Received(
                  exchange.getRequestHeaders().getFirst("Settle-Delivery-Id"),
                  exchange.getRequestHeaders().getFirst("Settle-Signature"),
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          exchange.sendResponseHeaders(answer.get(), -1);
          exchange.close();
        });
    receiver.start();
    activities =
        new CallbackActivitiesImpl(
            new CallbackProperties(
                "s3cret",
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                Duration.ofSeconds(1),
                Duration.ofMinutes(1),
                Duration.ofHours(1),
                Duration.ofDays(1)),
            json);
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
  }

  @Test
  void a2xxIsDeliveredWithASignatureTheReceiverCanCheck() throws Exception {
    DeliveryResult result = activities.deliver(notification(url()));

    assertThat(result.delivered()).isTrue();
    assertThat(result.httpStatus()).isEqualTo(204);
    Received got = received.get(0);
    assertThat(got.deliveryId()).isEqualTo("key-9");
    JsonNode body = json.readTree(got.body());
    assertThat(body.path("status").asText()).isEqualTo("CONFIRMED");
    assertThat(body.path("amount").asText()).isEqualTo("12.50");
    assertThat(body.path("currency").asText()).isEqualTo("EUR");
    assertThat(body.path("type").asText()).isEqualTo("PAYMENT");
    assertThat(body.path("decidedAt").asText()).isEqualTo("2026-01-02T03:04:05Z");
    String t = got.signature().replaceAll("^t=(\\d+),v1=.*$", "$1");
    assertThat(Math.abs(Long.parseLong(t) - Instant.now().getEpochSecond())).isLessThan(60);
    assertThat(got.signature())
        .isEqualTo("t=" + t + ",v1=" + new CallbackSigner("s3cret").hmac(t + "." + got.body()));
    assertThat(got.signature())
        .doesNotContain(new CallbackSigner("other").hmac(t + "." + got.body()));
  }

  @Test
  void refusalsAndUnreachableReceiversAreNotDelivered() throws IOException {
    answer.set(500);
    assertThat(activities.deliver(notification(url())))
        .isEqualTo(new DeliveryResult(false, 500, "HTTP 500"));
    answer.set(404);
    assertThat(activities.deliver(notification(url())).delivered()).isFalse();
    answer.set(302);
    assertThat(activities.deliver(notification(url())).delivered()).isFalse();

    int port = receiver.getAddress().getPort();
    receiver.stop(0);
    DeliveryResult unreachable =
        activities.deliver(notification("http://127.0.0.1:" + port + "/hook"));
    assertThat(unreachable.delivered()).isFalse();
    assertThat(unreachable.httpStatus()).isZero();
  }

  String url() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  static Notification notification(String url) {
    return new Notification(
        url,
        "key-9",
        "PAYMENT",
        "CONFIRMED",
        new BigDecimal("12.50"),
        "EUR",
        Instant.parse("2026-01-02T03:04:05Z"),
        1);
  }
}
