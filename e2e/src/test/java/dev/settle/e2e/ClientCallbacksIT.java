package dev.settle.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.settle.e2e.CallbackReceiver.Delivery;
import dev.settle.e2e.SettleApi.Reply;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Client callbacks through the real stack: the worker delivers a signed notification to a receiver
 * on loopback at least once, retrying a flaky one, and a receiver that never accepts leaves the
 * operation visibly FAILED (search attribute, metric) until an operator redelivers it.
 */
@ExtendWith(SettleStack.class)
class ClientCallbacksIT {
  static final Duration WITHIN = Duration.ofSeconds(90);

  final SettleStack stack = SettleStack.get();
  final SettleApi api = new SettleApi(stack);

  @Test
  void aFlakyReceiverGetsTheFinalStatusOnceEvenWhenDeliveriesAndRequestsRepeat() throws Exception {
    try (CallbackReceiver receiver = new CallbackReceiver(SettleStack.CALLBACK_SECRET, 2, false)) {
      String key = "callback-flaky-" + System.nanoTime();
      String body = withCallback(SettleApi.paymentBody("alice", "bob", "5.00"), receiver.url());

      api.pay(key, body);
      JsonNode op =
          api.awaitOperation(
              key, o -> "DELIVERED".equals(o.path("callback").path("status").asText()), WITHIN);

      assertThat(op.path("status").asText()).isEqualTo("CONFIRMED");
      assertThat(op.path("callback").path("attempts").asInt()).isEqualTo(3);
      // Repeating the request (same key, same body, same callbackUrl) is a replay: no new delivery.
      Reply replay = api.pay(key, body);
      assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
      assertThat(replay.body().has("callback"))
          .as("POST answers replay byte for byte: no callback")
          .isFalse();
      SettleApi.sleep(Duration.ofSeconds(3));

      assertThat(receiver.of(key)).extracting(Delivery::answered).containsExactly(503, 503, 204);
      assertThat(receiver.of(key)).allMatch(Delivery::signatureValid);
      assertThat(receiver.processed).containsOnlyKeys(key);
      JsonNode notification = SettleApi.JSON.readTree(receiver.processed.get(key));
      assertThat(notification.path("deliveryId").asText()).isEqualTo(key);
      assertThat(notification.path("type").asText()).isEqualTo("PAYMENT");
      assertThat(notification.path("status").asText()).isEqualTo("CONFIRMED");
      assertThat(notification.path("amount").asText()).isEqualTo("5.00");
      assertThat(notification.path("currency").asText()).isEqualTo("EUR");
      assertThat(notification.path("decidedAt").asText()).isEqualTo(op.path("decidedAt").asText());
      assertThat(stack.temporal("workflow", "list", "--query", "CallbackStatus=\"DELIVERED\""))
          .contains("demo/" + key);

      // The callbackUrl is part of the request: the same key with another one is a reused key.
      Reply other =
          api.pay(
              key,
              withCallback(
                  SettleApi.paymentBody("alice", "bob", "5.00"), receiver.url() + "/other"));
      assertThat(other.status()).isEqualTo(422);
      assertThat(other.body().path("type").asText()).endsWith("/idempotency-key-reused");
    }
  }

  @Test
  void anOrderCallbackCarriesItsFinalStatus() throws Exception {
    try (CallbackReceiver receiver = new CallbackReceiver(SettleStack.CALLBACK_SECRET, 1, false)) {
      String key = "callback-order-" + System.nanoTime();
      api.send(
          HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/v1/orders"))
              .header("Authorization", "Bearer " + SettleApi.DEMO_KEY)
              .header("Idempotency-Key", key)
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      withCallback(
                          "{\"customerAccount\":\"olga\",\"merchantAccount\":\"shop\",\"items\":[{\"sku\":\"sku-1\",\"quantity\":1}],"
                              + "\"amount\":\"3.00\",\"currency\":\"EUR\"}",
                          receiver.url()))));
      JsonNode op =
          api.awaitOperation(
              key, o -> "DELIVERED".equals(o.path("callback").path("status").asText()), WITHIN);

      JsonNode notification = SettleApi.JSON.readTree(receiver.processed.get(key));
      assertThat(notification.path("type").asText()).isEqualTo("ORDER");
      assertThat(notification.path("status").asText()).isEqualTo(op.path("status").asText());
      assertThat(receiver.of(key)).extracting(Delivery::answered).containsExactly(503, 204);
    }
  }

  @Test
  void aReceiverThatAlwaysFailsLeavesTheDeliveryVisiblyFailedUntilAnOperatorRedelivers()
      throws Exception {
    try (CallbackReceiver receiver = new CallbackReceiver(SettleStack.CALLBACK_SECRET, 0, true)) {
      String key = "callback-failing-" + System.nanoTime();
      api.pay(key, withCallback(SettleApi.paymentBody("carol", "dave", "2.00"), receiver.url()));

      JsonNode op =
          api.awaitOperation(
              key, o -> "FAILED".equals(o.path("callback").path("status").asText()), WITHIN);
      assertThat(op.path("status").asText()).isEqualTo("CONFIRMED"); // the payment itself is fine
      assertThat(op.path("callback").path("attempts").asInt()).isGreaterThanOrEqualTo(3);
      assertThat(receiver.of(key))
          .hasSize(op.path("callback").path("attempts").asInt())
          .allMatch(Delivery::signatureValid);
      assertThat(receiver.processed).doesNotContainKey(key);
      assertThat(stack.temporal("workflow", "list", "--query", "CallbackStatus=\"FAILED\""))
          .contains("demo/" + key);
      // Counted once the gateway's cached gauges refresh.
      api.awaitGatewayGauge(
          "settle_callbacks_backlog{state=\"failed\"", backlog -> backlog >= 1, WITHIN);

      receiver.recover();
      stack.temporal(
          "workflow", "signal", "--workflow-id", "demo/" + key, "--name", "redeliverCallback");
      api.awaitOperation(
          key, o -> "DELIVERED".equals(o.path("callback").path("status").asText()), WITHIN);
      assertThat(receiver.processed).containsKey(key);
    }
  }

  static String withCallback(String body, String url) {
    return body.substring(0, body.length() - 1) + ",\"callbackUrl\":\"" + url + "\"}";
  }
}
