package dev.settle.upstream.fault;

import static dev.settle.upstream.testsupport.UpstreamClient.encode;
import static dev.settle.upstream.testsupport.UpstreamClient.item;
import static dev.settle.upstream.testsupport.UpstreamClient.json;
import static dev.settle.upstream.testsupport.UpstreamClient.order;
import static dev.settle.upstream.testsupport.UpstreamClient.payment;
import static dev.settle.upstream.testsupport.UpstreamClient.reservation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.settle.upstream.testsupport.PostgresBackedTest;
import dev.settle.upstream.testsupport.UpstreamClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fault rules aimed at one upstream or one operation, with the others under the same key. */
class FaultTargetingIntegrationTest extends PostgresBackedTest {

  private static final Duration CALLER_TIMEOUT = Duration.ofMillis(400);
  private static final long HANG_MS = 1200;

  private String key;
  private String path;
  private String sku;

  @BeforeEach
  void freshKeyAndStock() throws Exception {
    key = "demo/order-" + UUID.randomUUID();
    path = encode(key);
    sku = "sku-" + UUID.randomUUID();
    upstream.setStock(sku, 10);
  }

  private HttpResponse<String> createOrder() throws Exception {
    return upstream.postKeyed("/orders", key, order("cust-1", "5", List.of(item(sku, 2))));
  }

  private HttpResponse<String> reserve(Duration timeout) throws Exception {
    return upstream.postKeyed(
        "/inventory/reservations", key, reservation(List.of(item(sku, 2))), timeout);
  }

  private HttpResponse<String> charge(Duration timeout) throws Exception {
    return upstream.pay(key, payment("cust-1", "shop", "5", "EUR"), timeout);
  }

  /**
   * The commit precedes the hang, but on a loaded machine the caller may give up before the sim
   * even got there; poll briefly rather than race it.
   */
  private long appliedWithin(Duration limit, String kind) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    long applied = upstream.applied(key, kind);
    while (applied == 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
      applied = upstream.applied(key, kind);
    }
    return applied;
  }

  @Test
  void commitThenTimeoutOnStockReserveOnlyLeavesPaymentsAlone() throws Exception {
    upstream.addFault(
        Map.of("mode", "COMMIT_THEN_TIMEOUT", "operation", "stock.reserve", "latencyMs", HANG_MS));

    Throwable reserveOutcome = catchThrowable(() -> reserve(CALLER_TIMEOUT));
    HttpResponse<String> charged = charge(UpstreamClient.DEFAULT_TIMEOUT);
    HttpResponse<String> ordered = createOrder();

    assertThat(reserveOutcome).isInstanceOf(HttpTimeoutException.class);
    assertThat(appliedWithin(Duration.ofMillis(HANG_MS), "stock.reserve"))
        .as("committed before the hang")
        .isEqualTo(1);
    assertThat(upstream.stock(sku)).isEqualTo(8);
    assertThat(charged.statusCode()).isEqualTo(201);
    assertThat(ordered.statusCode()).isEqualTo(201);
    assertThat(upstream.applied(key, "payment.charge")).isEqualTo(1);
    assertThat(json(upstream.get("/admin/faults")).get(0).get("fired").asInt()).isEqualTo(1);
  }

  @Test
  void operationTargetsRefundsButNotTheChargeUnderTheSamePath() throws Exception {
    upstream.addFault(Map.of("mode", "FAIL_BEFORE_COMMIT", "operation", "payment.refund"));
    assertThat(charge(UpstreamClient.DEFAULT_TIMEOUT).statusCode()).isEqualTo(201);

    HttpResponse<String> refund = upstream.post("/payments/" + path + "/refund");

    assertThat(refund.statusCode()).isEqualTo(503);
    assertThat(json(refund).get("type").asText()).endsWith("/unavailable");
    assertThat(upstream.applied(key, "payment.refund")).isZero();
    assertThat(json(upstream.get("/payments/" + path)).get("refunded").asBoolean()).isFalse();
    upstream.delete("/admin/faults");
    assertThat(upstream.post("/payments/" + path + "/refund").statusCode()).isEqualTo(200);
    assertThat(upstream.applied(key, "payment.refund")).isEqualTo(1);
  }

  @Test
  void pathTargetsOneUpstream() throws Exception {
    upstream.addFault(Map.of("mode", "FAIL_BEFORE_COMMIT", "path", "/inventory/reservations"));

    HttpResponse<String> reserved = reserve(UpstreamClient.DEFAULT_TIMEOUT);
    HttpResponse<String> ordered = createOrder();

    assertThat(reserved.statusCode()).isEqualTo(503);
    assertThat(upstream.applied(key, "stock.reserve")).isZero();
    assertThat(upstream.stock(sku)).isEqualTo(10);
    assertThat(ordered.statusCode()).isEqualTo(201);
  }

  @Test
  void pathIsAPrefixSoPaymentsCoversRefundsToo() throws Exception {
    upstream.pay(key, payment("cust-1", "shop", "5", "EUR"));
    upstream.addFault(Map.of("mode", "FAIL_BEFORE_COMMIT", "path", "/payments"));

    assertThat(upstream.post("/payments/" + path + "/refund").statusCode()).isEqualTo(503);
    assertThat(upstream.applied(key, "payment.refund")).isZero();
  }

  @Test
  void aRuleWithoutPathOrOperationHitsEveryMutatingEndpoint() throws Exception {
    createOrder();
    reserve(UpstreamClient.DEFAULT_TIMEOUT);
    charge(UpstreamClient.DEFAULT_TIMEOUT);
    long before = upstream.applied(key);
    upstream.addFault(Map.of("mode", "FAIL_BEFORE_COMMIT"));

    List<HttpResponse<String>> responses =
        List.of(
            upstream.postKeyed("/orders", "other-" + key, order("c", "1", List.of(item(sku, 1)))),
            upstream.post("/orders/" + path + "/cancel"),
            upstream.postKeyed(
                "/inventory/reservations", "other-" + key, reservation(List.of(item(sku, 1)))),
            upstream.post("/inventory/reservations/" + path + "/release"),
            upstream.pay("other-" + key, payment("c", "shop", "1", "EUR")),
            upstream.post("/payments/" + path + "/refund"));

    assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(503);
    assertThat(upstream.applied(key)).isEqualTo(before);
    assertThat(upstream.applied("other-" + key, "order.create")).isZero();
    assertThat(upstream.stock(sku)).isEqualTo(8);
    assertThat(json(upstream.get("/admin/faults")).get(0).get("fired").asInt()).isEqualTo(6);
  }

  @Test
  void commitThenResetOnCancelDropsTheAnswerButCancelsOnce() throws Exception {
    createOrder();
    upstream.addFault(Map.of("mode", "COMMIT_THEN_RESET", "operation", "order.cancel", "count", 1));

    Throwable thrown =
        catchThrowable(() -> upstream.post("/orders/" + path + "/cancel", Duration.ofSeconds(5)));
    HttpResponse<String> retry = upstream.post("/orders/" + path + "/cancel");

    assertThat(thrown).isInstanceOf(IOException.class).isNotInstanceOf(HttpTimeoutException.class);
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(upstream.applied(key, "order.cancel")).isEqualTo(1);
  }

  @Test
  void timeoutBeforeCommitOnReleaseNeverPutsStockBack() throws Exception {
    reserve(UpstreamClient.DEFAULT_TIMEOUT);
    upstream.addFault(
        Map.of("mode", "TIMEOUT_BEFORE_COMMIT", "operation", "stock.release", "latencyMs", 500));

    Throwable thrown =
        catchThrowable(
            () -> upstream.post("/inventory/reservations/" + path + "/release", CALLER_TIMEOUT));

    assertThat(thrown).isInstanceOf(HttpTimeoutException.class);
    Thread.sleep(600); // past the hang: the sim has answered 503 by now and applied nothing
    assertThat(upstream.applied(key, "stock.release")).isZero();
    assertThat(upstream.stock(sku)).isEqualTo(8);
  }

  @Test
  void statusUnavailableHitsEveryStatusLookupOrOneByPath() throws Exception {
    createOrder();
    reserve(UpstreamClient.DEFAULT_TIMEOUT);
    charge(UpstreamClient.DEFAULT_TIMEOUT);
    List<String> lookups =
        List.of("/orders/" + path, "/inventory/reservations/" + path, "/payments/" + path);
    upstream.addFault(Map.of("mode", "STATUS_UNAVAILABLE", "count", 3));

    for (String lookup : lookups) {
      HttpResponse<String> unavailable = upstream.get(lookup);
      assertThat(unavailable.statusCode()).as(lookup).isEqualTo(503);
      assertThat(json(unavailable).get("type").asText()).endsWith("/unavailable");
    }
    assertThat(upstream.get("/inventory/stock/" + sku).statusCode())
        .as("stock levels are not a status lookup")
        .isEqualTo(200);

    upstream.addFault(Map.of("mode", "STATUS_UNAVAILABLE", "path", "/inventory/reservations/"));
    assertThat(upstream.get("/inventory/reservations/" + path).statusCode()).isEqualTo(503);
    assertThat(upstream.get("/orders/" + path).statusCode()).isEqualTo(200);
    assertThat(upstream.get("/payments/" + path).statusCode()).isEqualTo(200);
  }

  @Test
  void statusUnavailableLeavesMutationsAlone() throws Exception {
    upstream.addFault(Map.of("mode", "STATUS_UNAVAILABLE", "path", "/orders"));

    assertThat(createOrder().statusCode()).isEqualTo(201);
    assertThat(upstream.post("/orders/" + path + "/cancel").statusCode()).isEqualTo(200);
    assertThat(upstream.get("/orders/" + path).statusCode()).isEqualTo(503);
  }

  @Test
  void rulesShowTheirOperationAndRejectUnknownOnes() throws Exception {
    upstream.addFault(Map.of("mode", "LATENCY", "operation", "stock.release", "latencyMs", 1));

    assertThat(json(upstream.get("/admin/faults")).get(0).get("operation").asText())
        .isEqualTo("stock.release");
    for (String bad :
        List.of(
            "{\"mode\":\"FAIL_BEFORE_COMMIT\",\"operation\":\"stock.steal\"}",
            "{\"mode\":\"STATUS_UNAVAILABLE\",\"operation\":\"payment.charge\"}")) {
      HttpResponse<String> rejected = upstream.postJson("/admin/faults", bad);
      assertThat(rejected.statusCode()).as(bad).isEqualTo(400);
      assertThat(json(rejected).get("type").asText()).endsWith("/invalid-fault");
    }
  }
}
