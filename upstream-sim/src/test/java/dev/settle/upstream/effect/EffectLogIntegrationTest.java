package dev.settle.upstream.effect;

import static dev.settle.upstream.testsupport.UpstreamClient.encode;
import static dev.settle.upstream.testsupport.UpstreamClient.item;
import static dev.settle.upstream.testsupport.UpstreamClient.json;
import static dev.settle.upstream.testsupport.UpstreamClient.order;
import static dev.settle.upstream.testsupport.UpstreamClient.payment;
import static dev.settle.upstream.testsupport.UpstreamClient.reservation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.settle.upstream.testsupport.PostgresBackedTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** One key across all three upstreams, the way Settle's order saga uses it. */
class EffectLogIntegrationTest extends PostgresBackedTest {

  private static final List<String> KINDS =
      List.of(
          "order.create",
          "order.cancel",
          "stock.reserve",
          "stock.release",
          "payment.charge",
          "payment.refund");

  @Test
  void everyKnownKindIsReportedEvenWhenZero() throws Exception {
    JsonNode none =
        json(upstream.get("/admin/effects/" + encode("never used/" + UUID.randomUUID())));

    assertThat(none.get("applied").asLong()).isZero();
    assertThat(none.get("kinds").fieldNames()).toIterable().containsExactlyElementsOf(KINDS);
    assertThat(none.get("kinds")).allSatisfy(n -> assertThat(n.asLong()).isZero());
  }

  @Test
  void aSagaAndItsCompensationsUnderOneKeyCountOncePerKind() throws Exception {
    String key = "demo/order-" + UUID.randomUUID();
    String path = encode(key);
    String sku = "sku-" + UUID.randomUUID();
    upstream.setStock(sku, 1);

    assertThat(
            upstream
                .postKeyed("/orders", key, order("cust-1", "9.99", List.of(item(sku, 1))))
                .statusCode())
        .isEqualTo(201);
    assertThat(
            upstream
                .postKeyed("/inventory/reservations", key, reservation(List.of(item(sku, 1))))
                .statusCode())
        .isEqualTo(201);
    assertThat(upstream.pay(key, payment("cust-1", "shop", "9.99", "EUR")).statusCode())
        .isEqualTo(201);
    for (int round = 0; round < 2; round++) {
      assertThat(upstream.post("/payments/" + path + "/refund").statusCode()).isEqualTo(200);
      assertThat(upstream.post("/inventory/reservations/" + path + "/release").statusCode())
          .isEqualTo(200);
      assertThat(upstream.post("/orders/" + path + "/cancel").statusCode()).isEqualTo(200);
    }

    JsonNode effects = json(upstream.get("/admin/effects/" + path));
    assertThat(effects.get("key").asText()).isEqualTo(key);
    assertThat(effects.get("applied").asLong()).isEqualTo(6);
    for (String kind : KINDS) {
      assertThat(effects.get("kinds").get(kind).asLong()).as(kind).isEqualTo(1);
    }
    assertThat(upstream.stock(sku)).isEqualTo(1);
  }
}
