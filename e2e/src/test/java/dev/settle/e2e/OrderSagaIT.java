package dev.settle.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.settle.e2e.SettleApi.Reply;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The order saga on the real stack: every path ends in a known state, with every effect at the
 * upstreams either kept or undone (never leaked), the stock restored when it unwinds, and a
 * balanced ledger.
 */
@ExtendWith(SettleStack.class)
class OrderSagaIT {
  static final Duration WITHIN = Duration.ofSeconds(90);

  final SettleStack stack = SettleStack.get();
  final SettleApi api = new SettleApi(stack);
  String key;
  String sku;

  @BeforeEach
  void fresh(TestInfo test) {
    key = "order-" + test.getTestMethod().orElseThrow().getName() + "-" + System.nanoTime();
    sku = "sku-" + System.nanoTime();
    api.clearFaults();
    Reply stock =
        api.send(
            HttpRequest.newBuilder(URI.create(stack.upstreamUrl() + "/admin/stock"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"sku\":\"" + sku + "\",\"available\":10}")));
    assertThat(stock.status()).isEqualTo(200);
  }

  @AfterEach
  void clear() {
    api.clearFaults();
  }

  Reply order(String customer, int quantity, String amount) {
    String body =
        "{\"customerAccount\":\""
            + customer
            + "\",\"merchantAccount\":\"shop\",\"items\":[{\"sku\":\""
            + sku
            + "\",\"quantity\":"
            + quantity
            + "}],\"amount\":\""
            + amount
            + "\",\"currency\":\"EUR\"}";
    return api.send(
        HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/v1/orders"))
            .header("Authorization", "Bearer " + SettleApi.DEMO_KEY)
            .header("Idempotency-Key", key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  @Test
  void allStepsSucceed() {
    Reply reply = order("ann", 2, "30.00");
    assertThat(reply.status()).isIn(201, 202);
    JsonNode op = api.awaitStatus(key, "CONFIRMED", WITHIN);

    assertThat(op.path("type").asText()).isEqualTo("ORDER");
    assertThat(effects())
        .containsEntry("order.create", 1)
        .containsEntry("stock.reserve", 1)
        .containsEntry("payment.charge", 1)
        .containsEntry("order.cancel", 0)
        .containsEntry("stock.release", 0)
        .containsEntry("payment.refund", 0);
    assertThat(stock()).isEqualTo(8);
    api.assertOneBalancedPosting(key, "ann", "shop", "30.00");
    assertThat(order("ann", 2, "30.00").header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(order("ann", 3, "30.00").status()).isEqualTo(422);
  }

  @Test
  void orderCreationRejectedFailsWithNoEffect() {
    order("blocked-bea", 2, "30.00");
    JsonNode op = api.awaitStatus(key, "FAILED", WITHIN);

    assertThat(op.path("failure").path("code").asText()).isEqualTo("order-rejected");
    assertThat(effects().values()).containsOnly(0);
    assertThat(stock()).isEqualTo(10);
    assertUnwoundLedger();
  }

  @Test
  void shortStockCancelsTheOrder() {
    order("cid", 20, "30.00");
    JsonNode op = api.awaitStatus(key, "FAILED", WITHIN);

    assertThat(op.path("failure").path("code").asText()).isEqualTo("stock-insufficient");
    assertThat(effects())
        .containsEntry("order.create", 1)
        .containsEntry("order.cancel", 1)
        .containsEntry("stock.reserve", 0)
        .containsEntry("payment.charge", 0);
    assertThat(stock()).isEqualTo(10);
    assertUnwoundLedger();
  }

  @Test
  void paymentRejectedUnwindsInReverse() {
    order("dan", 2, "2000000.00");
    JsonNode op = api.awaitStatus(key, "FAILED", WITHIN);

    assertThat(op.path("failure").path("code").asText()).isEqualTo("payment-rejected");
    assertUnwoundWithoutCharge();
  }

  @Test
  void paymentAmbiguousThenFoundCompletesTheOrder() {
    api.fault(
        "{\"mode\":\"COMMIT_THEN_TIMEOUT\",\"count\":1,\"latencyMs\":4000,\"operation\":\"payment.charge\"}");

    order("eve", 1, "12.00");
    JsonNode op = api.awaitStatus(key, "CONFIRMED", WITHIN);

    assertThat(op.path("reconciliation").path("unknownSince").asText()).isNotBlank();
    assertThat(effects()).containsEntry("payment.charge", 1).containsEntry("payment.refund", 0);
    assertThat(stock()).isEqualTo(9);
    api.assertOneBalancedPosting(key, "eve", "shop", "12.00");
  }

  @Test
  void paymentAmbiguousThenNotFoundUnwindsWithoutACharge() {
    api.fault(
        "{\"mode\":\"TIMEOUT_BEFORE_COMMIT\",\"count\":1,\"latencyMs\":4000,\"operation\":\"payment.charge\"}");
    api.fault("{\"mode\":\"FAIL_BEFORE_COMMIT\",\"operation\":\"payment.charge\"}");

    order("fay", 2, "15.00");
    // The re-executed charge is refused until the not-executed horizon (1 min here) has passed.
    api.awaitStatus(key, "FAILED", WITHIN.multipliedBy(2));

    assertUnwoundWithoutCharge();
  }

  @Test
  void aCompensationFailingTransientlyIsRetriedUntilDone() {
    api.fault("{\"mode\":\"FAIL_BEFORE_COMMIT\",\"count\":2,\"operation\":\"stock.release\"}");

    order("gus", 2, "2000000.00");
    JsonNode op = api.awaitStatus(key, "FAILED", WITHIN);

    assertThat(op.path("steps").get(1).path("compensation").asText()).isEqualTo("DONE");
    assertUnwoundWithoutCharge();
  }

  @Test
  void aWorkerKilledWhileUnwindingFinishesTheUnwindAfterRestart() {
    api.fault("{\"mode\":\"FAIL_BEFORE_COMMIT\",\"operation\":\"stock.release\"}");
    order("hal", 2, "2000000.00");
    api.awaitOperation(
        key, op -> "RUNNING".equals(op.path("steps").get(1).path("compensation").asText()), WITHIN);

    stack.settle("kill", "worker");
    api.clearFaults();
    stack.settle("start", "worker");
    api.awaitStatus(key, "FAILED", WITHIN);

    assertUnwoundWithoutCharge();
  }

  private void assertUnwoundWithoutCharge() {
    assertThat(effects())
        .containsEntry("order.create", 1)
        .containsEntry("order.cancel", 1)
        .containsEntry("stock.reserve", 1)
        .containsEntry("stock.release", 1)
        .containsEntry("payment.charge", 0)
        .containsEntry("payment.refund", 0);
    assertThat(stock()).isEqualTo(10);
    assertUnwoundLedger();
  }

  /** An unwound order leaves every account where it was: its entries, if any, sum to zero. */
  private void assertUnwoundLedger() {
    Map<String, BigDecimal> net = new java.util.HashMap<>();
    for (SettleApi.Entry e : api.ledger(key)) {
      BigDecimal signed = "CR".equals(e.direction()) ? e.amount() : e.amount().negate();
      net.merge(e.account(), signed, BigDecimal::add);
    }
    assertThat(net.values())
        .allSatisfy(sum -> assertThat(sum).isEqualByComparingTo(BigDecimal.ZERO));
  }

  private Map<String, Integer> effects() {
    Reply reply =
        api.send(
            HttpRequest.newBuilder(
                    URI.create(
                        stack.upstreamUrl()
                            + "/admin/effects/"
                            + SettleApi.encode(api.upstreamKey(key))))
                .GET());
    Map<String, Integer> kinds = new java.util.TreeMap<>();
    reply
        .body()
        .path("kinds")
        .fields()
        .forEachRemaining(e -> kinds.put(e.getKey(), e.getValue().asInt()));
    assertThat(kinds.keySet())
        .containsAll(
            List.of(
                "order.create",
                "order.cancel",
                "stock.reserve",
                "stock.release",
                "payment.charge",
                "payment.refund"));
    return kinds;
  }

  private int stock() {
    return api.send(
            HttpRequest.newBuilder(URI.create(stack.upstreamUrl() + "/inventory/stock/" + sku))
                .GET())
        .body()
        .path("available")
        .asInt();
  }
}
