package dev.settle.upstream.webhook;

import static dev.settle.upstream.testsupport.UpstreamClient.json;
import static dev.settle.upstream.testsupport.UpstreamClient.payment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.settle.upstream.testsupport.PostgresBackedTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sim calls a receiver back after each committed charge: signed, asynchronous, retried. */
class WebhookSenderIntegrationTest extends PostgresBackedTest {
  static final String SECRET = "test-webhook-secret";
  static final ObjectMapper JSON = new ObjectMapper();
  static final Receiver RECEIVER = new Receiver();

  @DynamicPropertySource
  static void webhooks(DynamicPropertyRegistry registry) {
    registry.add("settle.upstream-sim.webhooks.url", RECEIVER::url);
    registry.add("settle.upstream-sim.webhooks.secret", () -> SECRET);
    registry.add("settle.upstream-sim.webhooks.initial-backoff", () -> "100ms");
    registry.add("settle.upstream-sim.webhooks.max-attempts", () -> "4");
  }

  /** A webhook as it arrived: the signature header and the raw body. */
  record Received(String signature, byte[] body, Instant at) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  /** Answers 500 to the first {@code failFirst} calls, then 200. */
  static final class Receiver {
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failFirst = new AtomicInteger();
    private HttpServer server;

    synchronized String url() {
      if (server == null) {
        try {
          server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
        server.createContext(
            "/hook",
            exchange -> {
              byte[] body = exchange.getRequestBody().readAllBytes();
              received.add(
                  new Received(
                      exchange.getRequestHeaders().getFirst("Settle-Signature"),
                      body,
                      Instant.now()));
              int status = failFirst.getAndDecrement() > 0 ? 500 : 200;
              exchange.sendResponseHeaders(status, -1);
              exchange.close();
            });
        server.start();
      }
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Received> forKey(String key) throws IOException {
      List<Received> mine = new java.util.ArrayList<>();
      for (Received r : received) {
        if (r.json().path("idempotencyKey").asText().equals(key)) {
          mine.add(r);
        }
      }
      return mine;
    }
  }

  @BeforeEach
  @AfterEach
  void reset() throws Exception {
    RECEIVER.failFirst.set(0);
    upstream.postJson("/admin/webhooks", "{\"enabled\":true,\"delayMs\":0}");
  }

  @Test
  void aCommittedChargeIsReportedOnceSignedOverTimestampAndBody() throws Exception {
    String key = "demo/wh-" + UUID.randomUUID();
    JsonNode charged = json(upstream.pay(key, payment("acc-1", "acc-2", "12.50", "EUR")));
    upstream.pay(key, payment("acc-1", "acc-2", "12.50", "EUR")); // a replay settles nothing new

    Received webhook = awaitWebhooks(key, 1).get(0);
    JsonNode body = webhook.json();
    assertThat(body.path("idempotencyKey").asText()).isEqualTo(key);
    assertThat(body.path("paymentId").asText()).isEqualTo(charged.path("paymentId").asText());
    assertThat(body.path("id").asText()).isEqualTo("evt_" + charged.path("paymentId").asText());
    assertThat(body.path("amount").asText()).isEqualTo("12.50");
    assertThat(body.path("currency").asText()).isEqualTo("EUR");
    assertThat(body.path("status").asText()).isEqualTo("SETTLED");
    assertThat(body.path("settledAt").asText()).isEqualTo(charged.path("createdAt").asText());
    assertValidSignature(webhook);
    Thread.sleep(500);
    assertThat(RECEIVER.forKey(key)).hasSize(1);
  }

  @Test
  void aFailedDeliveryIsRetriedWithTheSameEventAndAFreshSignature() throws Exception {
    RECEIVER.failFirst.set(2);
    String key = "demo/wh-retry-" + UUID.randomUUID();
    upstream.pay(key, payment("acc-1", "acc-2", "3.00", "EUR"));

    List<Received> attempts = awaitWebhooks(key, 3);
    assertThat(attempts)
        .extracting(r -> r.json().path("id").asText())
        .containsOnly(attempts.get(0).json().path("id").asText());
    for (Received attempt : attempts) {
      assertValidSignature(attempt);
    }
    JsonNode admin = json(upstream.get("/admin/webhooks"));
    assertThat(admin.path("deliveries").findValues("key").stream().map(JsonNode::asText))
        .contains(key);
    assertThat(deliveryOf(admin, key).path("state").asText()).isEqualTo("DELIVERED");
    assertThat(deliveryOf(admin, key).path("attempts").asInt()).isEqualTo(3);
  }

  @Test
  void theAdminSwitchTurnsWebhooksOffOrDelaysThem() throws Exception {
    upstream.postJson("/admin/webhooks", "{\"enabled\":false}");
    String off = "demo/wh-off-" + UUID.randomUUID();
    upstream.pay(off, payment("acc-1", "acc-2", "1.00", "EUR"));

    upstream.postJson("/admin/webhooks", "{\"enabled\":true,\"delayMs\":1500}");
    String delayed = "demo/wh-delayed-" + UUID.randomUUID();
    Instant paidAt = Instant.now();
    upstream.pay(delayed, payment("acc-1", "acc-2", "1.00", "EUR"));

    Received late = awaitWebhooks(delayed, 1).get(0);
    assertThat(Duration.between(paidAt, late.at())).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
    assertThat(RECEIVER.forKey(off)).isEmpty();
    assertThat(upstream.postJson("/admin/webhooks", "{\"delayMs\":-1}").statusCode())
        .isEqualTo(400);
  }

  private static JsonNode deliveryOf(JsonNode admin, String key) {
    for (JsonNode delivery : admin.path("deliveries")) {
      if (delivery.path("key").asText().equals(key)) {
        return delivery;
      }
    }
    throw new AssertionError("no delivery of " + key + " in " + admin);
  }

  private static void assertValidSignature(Received webhook) {
    Map<String, String> parts = new java.util.HashMap<>();
    for (String part : webhook.signature().split(",")) {
      String[] pair = part.split("=", 2);
      parts.put(pair[0], pair[1]);
    }
    long t = Long.parseLong(parts.get("t"));
    assertThat(Math.abs(Instant.now().getEpochSecond() - t)).isLessThan(60);
    assertThat(parts.get("v1"))
        .isEqualTo(hmac(t + "." + new String(webhook.body(), StandardCharsets.UTF_8)));
  }

  private static String hmac(String payload) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return java.util.HexFormat.of()
          .formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Received> awaitWebhooks(String key, int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (RECEIVER.forKey(key).size() < count) {
      assertThat(System.nanoTime()).as("%d webhook(s) for %s", count, key).isLessThan(deadline);
      Thread.sleep(50);
    }
    return RECEIVER.forKey(key);
  }
}
