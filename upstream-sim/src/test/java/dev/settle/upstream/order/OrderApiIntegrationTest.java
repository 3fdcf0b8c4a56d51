package dev.settle.upstream.order;

import static dev.settle.upstream.testsupport.UpstreamClient.encode;
import static dev.settle.upstream.testsupport.UpstreamClient.item;
import static dev.settle.upstream.testsupport.UpstreamClient.json;
import static dev.settle.upstream.testsupport.UpstreamClient.order;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.settle.upstream.testsupport.Concurrently;
import dev.settle.upstream.testsupport.PostgresBackedTest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderApiIntegrationTest extends PostgresBackedTest {

  private static final String PROBLEMS = "https://settle.dev/problems/upstream/";
  private static final String BODY = order("cust-1", "12.50", List.of(item("sku-a", 2)));

  private static String newKey() {
    return "demo/order-" + UUID.randomUUID();
  }

  private HttpResponse<String> create(String key, String body) throws Exception {
    return upstream.postKeyed("/orders", key, body);
  }

  private HttpResponse<String> cancel(String key) throws Exception {
    return upstream.post("/orders/" + encode(key) + "/cancel");
  }

  @Test
  void createIs201OnceAndRepeatsReplayTheOrder() throws Exception {
    String key = newKey();

    HttpResponse<String> first = create(key, BODY);
    HttpResponse<String> again = create(key, BODY);
    HttpResponse<String> totalAsString =
        create(key, order("cust-1", "12.5000", List.of(item("sku-a", 2))));

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(first.headers().firstValue("Location")).contains("/orders/" + encode(key));
    JsonNode created = json(first);
    assertThat(created.get("key").asText()).isEqualTo(key);
    assertThat(created.get("orderId").asText()).startsWith("ord_");
    assertThat(created.get("status").asText()).isEqualTo("CREATED");
    assertThat(created.get("customer").asText()).isEqualTo("cust-1");
    assertThat(created.at("/items/0/sku").asText()).isEqualTo("sku-a");
    assertThat(created.at("/items/0/quantity").asInt()).isEqualTo(2);
    assertThat(created.get("total").decimalValue()).isEqualByComparingTo("12.50");
    for (HttpResponse<String> repeat : List.of(again, totalAsString)) {
      assertThat(repeat.statusCode()).isEqualTo(200);
      assertThat(repeat.headers().firstValue("Idempotent-Replayed")).contains("true");
      assertThat(json(repeat)).isEqualTo(created);
    }
    assertThat(upstream.applied(key, "order.create")).isEqualTo(1);
    assertThat(json(upstream.get("/orders/" + encode(key)))).isEqualTo(created);
  }

  @Test
  void sameKeyWithADifferentOrderIs422AndChangesNothing() throws Exception {
    String key = newKey();
    create(key, BODY);

    HttpResponse<String> reused = create(key, order("cust-1", "12.50", List.of(item("sku-a", 3))));

    assertThat(reused.statusCode()).isEqualTo(422);
    assertThat(json(reused).get("type").asText()).isEqualTo(PROBLEMS + "idempotency-key-reused");
    assertThat(json(upstream.get("/orders/" + encode(key))).at("/items/0/quantity").asInt())
        .isEqualTo(2);
    assertThat(upstream.applied(key, "order.create")).isEqualTo(1);
  }

  @Test
  void blockedCustomerIs403DeclinedAndStoresNothing() throws Exception {
    String key = newKey();

    HttpResponse<String> declined =
        create(key, order("blocked-cust", "5", List.of(item("sku-a", 1))));

    assertThat(declined.statusCode()).isEqualTo(403);
    assertThat(declined.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(json(declined).get("type").asText()).isEqualTo(PROBLEMS + "declined");
    assertThat(upstream.get("/orders/" + encode(key)).statusCode()).isEqualTo(404);
    assertThat(upstream.applied(key, "order.create")).isZero();
  }

  @Test
  void cancelIs200AndAppliesOnceHoweverOftenItIsCalled() throws Exception {
    String key = newKey();
    create(key, BODY);

    HttpResponse<String> first = cancel(key);
    HttpResponse<String> again = cancel(key);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(json(first).get("status").asText()).isEqualTo("CANCELLED");
    assertThat(json(first).get("cancelledAt").asText()).isNotBlank();
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(json(again)).isEqualTo(json(first));
    assertThat(json(upstream.get("/orders/" + encode(key))).get("status").asText())
        .isEqualTo("CANCELLED");
    assertThat(upstream.applied(key, "order.cancel")).isEqualTo(1);
  }

  @Test
  void concurrentCancelsApplyExactlyOnce() throws Exception {
    String key = newKey();
    create(key, BODY);

    List<HttpResponse<String>> responses = Concurrently.send(6, () -> cancel(key));

    assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200);
    assertThat(responses)
        .filteredOn(r -> r.headers().firstValue("Idempotent-Replayed").isEmpty())
        .hasSize(1);
    assertThat(upstream.applied(key, "order.cancel")).isEqualTo(1);
    assertThat(upstream.applied(key, "order.create")).isEqualTo(1);
  }

  @Test
  void concurrentDuplicateCreatesApplyExactlyOnce() throws Exception {
    String key = newKey();

    List<HttpResponse<String>> responses = Concurrently.send(5, () -> create(key, BODY));

    assertThat(responses)
        .extracting(HttpResponse::statusCode)
        .containsOnlyOnce(201)
        .containsOnly(201, 200);
    assertThat(responses)
        .extracting(r -> json(r).get("orderId").asText())
        .containsOnly(json(responses.get(0)).get("orderId").asText());
    assertThat(upstream.applied(key, "order.create")).isEqualTo(1);
  }

  @Test
  void unknownKeysAre404ForCancelAndLookup() throws Exception {
    String key = newKey();

    HttpResponse<String> cancelled = cancel(key);
    HttpResponse<String> found = upstream.get("/orders/" + encode(key));

    for (HttpResponse<String> missing : List.of(cancelled, found)) {
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.headers().firstValue("Content-Type")).contains("application/problem+json");
      assertThat(json(missing).get("type").asText()).isEqualTo(PROBLEMS + "order-not-found");
    }
    assertThat(upstream.applied(key, "order.cancel")).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{'customer':'c','items':[],'currency':'EUR','total':'1'}",
        "{'customer':'c','items':[null],'currency':'EUR','total':'1'}",
        "{'customer':'c','items':[{'sku':'a b','quantity':1}],'currency':'EUR','total':'1'}",
        "{'customer':'c','items':[{'sku':'a','quantity':1001}],'currency':'EUR','total':'1'}",
        "{'customer':'c','items':[{'sku':'a','quantity':1.5}],'currency':'EUR','total':'1'}",
        "{'customer':'c','items':[{'sku':'a','quantity':1}],'currency':'EUR','total':'-1'}",
        "{'customer':'c','items':[{'sku':'a','quantity':1}],'currency':'EUR','total':'lots'}",
        "{'customer':' ','items':[{'sku':'a','quantity':1}],'currency':'EUR','total':'1'}",
        "{not json"
      })
  void invalidOrdersAre400AndStoreNothing(String body) throws Exception {
    String key = newKey();

    HttpResponse<String> rejected = create(key, body.replace('\'', '"'));

    assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(400);
    assertThat(json(rejected).get("type").asText()).isEqualTo(PROBLEMS + "invalid-request");
    assertThat(upstream.get("/orders/" + encode(key)).statusCode()).isEqualTo(404);
  }

  @Test
  void fiftyOneLinesAreTooMany() throws Exception {
    String key = newKey();
    String body = order("c", "1", Collections.nCopies(51, item("sku-a", 1)));

    HttpResponse<String> rejected = create(key, body);

    assertThat(rejected.statusCode()).isEqualTo(400);
    assertThat(json(rejected).at("/errors/0/field").asText()).isEqualTo("items");
    assertThat(create(key, order("c", "1", Collections.nCopies(50, item("sku-a", 1)))).statusCode())
        .isEqualTo(201);
  }

  @Test
  void missingIdempotencyKeyIs400() throws Exception {
    HttpResponse<String> rejected = upstream.postJson("/orders", BODY);

    assertThat(rejected.statusCode()).isEqualTo(400);
    assertThat(json(rejected).get("type").asText()).isEqualTo(PROBLEMS + "missing-idempotency-key");
  }
}
