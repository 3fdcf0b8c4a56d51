package dev.settle.upstream.inventory;

import static dev.settle.upstream.testsupport.UpstreamClient.encode;
import static dev.settle.upstream.testsupport.UpstreamClient.item;
import static dev.settle.upstream.testsupport.UpstreamClient.json;
import static dev.settle.upstream.testsupport.UpstreamClient.reservation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.settle.upstream.testsupport.Concurrently;
import dev.settle.upstream.testsupport.PostgresBackedTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InventoryApiIntegrationTest extends PostgresBackedTest {

  private static final String PROBLEMS = "https://settle.dev/problems/upstream/";

  private static String newKey() {
    return "demo/order-" + UUID.randomUUID() + " x";
  }

  /** SKUs are shared by the whole suite's database, so each test uses its own. */
  private static String newSku() {
    return "sku-" + UUID.randomUUID();
  }

  private HttpResponse<String> reserve(String key, String body) throws Exception {
    return upstream.postKeyed("/inventory/reservations", key, body);
  }

  private HttpResponse<String> release(String key) throws Exception {
    return upstream.post("/inventory/reservations/" + encode(key) + "/release");
  }

  @Test
  void stockIsSetByAdminAndUnknownSkusHaveNone() throws Exception {
    String sku = newSku();

    assertThat(upstream.stock(sku)).isZero();
    HttpResponse<String> set =
        upstream.postJson("/admin/stock", "{\"sku\":\"" + sku + "\",\"available\":7}");

    assertThat(set.statusCode()).isEqualTo(200);
    assertThat(json(set).get("available").asLong()).isEqualTo(7);
    JsonNode level = json(upstream.get("/inventory/stock/" + sku));
    assertThat(level.get("sku").asText()).isEqualTo(sku);
    assertThat(level.get("available").asLong()).isEqualTo(7);
  }

  @Test
  void reserveTakesEveryLineAndRepeatsReplay() throws Exception {
    String key = newKey();
    String a = newSku();
    String b = newSku();
    upstream.setStock(a, 10);
    upstream.setStock(b, 3);
    String body = reservation(List.of(item(a, 4), item(b, 3), item(a, 1)));

    HttpResponse<String> first = reserve(key, body);
    HttpResponse<String> again = reserve(key, body);

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(first.headers().firstValue("Location"))
        .contains("/inventory/reservations/" + encode(key));
    JsonNode reserved = json(first);
    assertThat(reserved.get("key").asText()).isEqualTo(key);
    assertThat(reserved.get("reservationId").asText()).startsWith("res_");
    assertThat(reserved.get("status").asText()).isEqualTo("RESERVED");
    assertThat(reserved.get("items")).hasSize(3);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(json(again)).isEqualTo(reserved);
    assertThat(upstream.stock(a)).isEqualTo(5);
    assertThat(upstream.stock(b)).isZero();
    assertThat(upstream.applied(key, "stock.reserve")).isEqualTo(1);
  }

  @Test
  void shortStockIs409AndLeavesEveryLevelUntouched() throws Exception {
    String key = newKey();
    String plenty = newSku();
    String scarce = newSku();
    String unknown = newSku();
    upstream.setStock(plenty, 10);
    upstream.setStock(scarce, 2);

    HttpResponse<String> refused =
        reserve(key, reservation(List.of(item(plenty, 5), item(scarce, 3), item(unknown, 1))));

    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
    JsonNode problem = json(refused);
    assertThat(problem.get("type").asText()).isEqualTo(PROBLEMS + "insufficient-stock");
    assertThat(problem.get("shortages")).hasSize(2);
    assertThat(problem.get("shortages").findValuesAsText("sku")).containsOnly(scarce, unknown);
    assertThat(upstream.stock(plenty)).isEqualTo(10);
    assertThat(upstream.stock(scarce)).isEqualTo(2);
    assertThat(upstream.stock(unknown)).isZero();
    assertThat(upstream.get("/inventory/reservations/" + encode(key)).statusCode()).isEqualTo(404);
    assertThat(upstream.applied(key, "stock.reserve")).isZero();

    upstream.setStock(scarce, 3);
    upstream.setStock(unknown, 1);
    assertThat(
            reserve(key, reservation(List.of(item(plenty, 5), item(scarce, 3), item(unknown, 1))))
                .statusCode())
        .as("nothing was stored, so the same key may try again")
        .isEqualTo(201);
  }

  @Test
  void sameKeyWithDifferentItemsIs422() throws Exception {
    String key = newKey();
    String sku = newSku();
    upstream.setStock(sku, 10);
    reserve(key, reservation(List.of(item(sku, 1))));

    HttpResponse<String> reused = reserve(key, reservation(List.of(item(sku, 2))));

    assertThat(reused.statusCode()).isEqualTo(422);
    assertThat(json(reused).get("type").asText()).isEqualTo(PROBLEMS + "idempotency-key-reused");
    assertThat(upstream.stock(sku)).isEqualTo(9);
  }

  @Test
  void releaseRestoresTheStockOnce() throws Exception {
    String key = newKey();
    String sku = newSku();
    upstream.setStock(sku, 5);
    reserve(key, reservation(List.of(item(sku, 2), item(sku, 1))));
    assertThat(upstream.stock(sku)).isEqualTo(2);

    HttpResponse<String> first = release(key);
    HttpResponse<String> again = release(key);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(json(first).get("status").asText()).isEqualTo("RELEASED");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(upstream.stock(sku)).isEqualTo(5);
    assertThat(json(upstream.get("/inventory/reservations/" + encode(key))).get("status").asText())
        .isEqualTo("RELEASED");
    assertThat(upstream.applied(key, "stock.release")).isEqualTo(1);
  }

  @Test
  void concurrentDuplicateReservesApplyExactlyOnce() throws Exception {
    String key = newKey();
    String sku = newSku();
    upstream.setStock(sku, 100);
    String body = reservation(List.of(item(sku, 7)));

    List<HttpResponse<String>> responses = Concurrently.send(6, () -> reserve(key, body));

    assertThat(responses)
        .extracting(HttpResponse::statusCode)
        .as("statuses of %s", responses.stream().map(HttpResponse::body).toList())
        .containsOnlyOnce(201)
        .containsOnly(201, 200);
    assertThat(upstream.stock(sku)).isEqualTo(93);
    assertThat(upstream.applied(key, "stock.reserve")).isEqualTo(1);
  }

  @Test
  void concurrentReleasesRestoreExactlyOnce() throws Exception {
    String key = newKey();
    String sku = newSku();
    upstream.setStock(sku, 10);
    reserve(key, reservation(List.of(item(sku, 4))));

    List<HttpResponse<String>> responses = Concurrently.send(6, () -> release(key));

    assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200);
    assertThat(responses)
        .filteredOn(r -> r.headers().firstValue("Idempotent-Replayed").isEmpty())
        .hasSize(1);
    assertThat(upstream.stock(sku)).isEqualTo(10);
    assertThat(upstream.applied(key, "stock.release")).isEqualTo(1);
  }

  @Test
  void competingReservationsNeverOversell() throws Exception {
    String a = newSku();
    String b = newSku();
    upstream.setStock(a, 3);
    upstream.setStock(b, 3);
    AtomicInteger n = new AtomicInteger();
    // Opposite line orders on purpose: locking in SKU order must keep them from deadlocking.
    List<HttpResponse<String>> responses =
        Concurrently.send(
            8,
            () -> {
              int i = n.incrementAndGet();
              List<Map<String, Object>> items =
                  i % 2 == 0 ? List.of(item(a, 1), item(b, 1)) : List.of(item(b, 1), item(a, 1));
              return reserve(newKey(), reservation(items));
            });

    assertThat(responses)
        .extracting(HttpResponse::statusCode)
        .as("statuses of %s", responses.stream().map(HttpResponse::body).toList())
        .containsOnly(201, 409)
        .filteredOn(status -> status == 201)
        .hasSize(3);
    assertThat(upstream.stock(a)).isZero();
    assertThat(upstream.stock(b)).isZero();
  }

  @Test
  void unknownReservationsAre404() throws Exception {
    String key = newKey();

    for (HttpResponse<String> missing :
        List.of(release(key), upstream.get("/inventory/reservations/" + encode(key)))) {
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(json(missing).get("type").asText()).isEqualTo(PROBLEMS + "reservation-not-found");
    }
    assertThat(upstream.applied(key, "stock.release")).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{'items':[]}",
        "{'items':[{'sku':'a/b','quantity':1}]}",
        "{'items':[{'sku':'a','quantity':-1}]}",
        "{'items':[{'sku':'a','quantity':'many'}]}",
        "[]"
      })
  void invalidReservationsAre400(String body) throws Exception {
    HttpResponse<String> rejected = reserve(newKey(), body.replace('\'', '"'));

    assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(400);
    assertThat(json(rejected).get("type").asText()).isEqualTo(PROBLEMS + "invalid-request");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{'sku':'a','available':-1}",
        "{'sku':'a b','available':1}",
        "{'sku':'a','available':1000000001}"
      })
  void invalidStockLevelsAre400(String body) throws Exception {
    HttpResponse<String> rejected = upstream.postJson("/admin/stock", body.replace('\'', '"'));

    assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(400);
    assertThat(json(rejected).get("type").asText()).isEqualTo(PROBLEMS + "invalid-request");
  }

  @Test
  void invalidSkuInAStockLookupIs400() throws Exception {
    HttpResponse<String> rejected = upstream.get("/inventory/stock/" + encode("a b"));

    assertThat(rejected.statusCode()).isEqualTo(400);
    assertThat(json(rejected).get("type").asText()).isEqualTo(PROBLEMS + "invalid-request");
  }
}
