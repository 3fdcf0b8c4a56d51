package dev.settle.upstream.payment;

import static dev.settle.upstream.testsupport.UpstreamClient.json;
import static dev.settle.upstream.testsupport.UpstreamClient.payment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.settle.upstream.testsupport.PostgresBackedTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PaymentApiIntegrationTest extends PostgresBackedTest {

  private static final String BODY = payment("acc-1", "acc-2", "12.50", "EUR");

  private static String newKey() {
    return "it-" + UUID.randomUUID();
  }

  @Test
  void repeatsWithTheSameKeyApplyOnceAndReplayTheFirstResult() throws Exception {
    String key = newKey();

    HttpResponse<String> first = upstream.pay(key, BODY);
    HttpResponse<String> second = upstream.pay(key, BODY);
    HttpResponse<String> third = upstream.pay(key, payment("acc-1", "acc-2", "12.5000", "EUR"));

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(first.headers().firstValue("Location")).contains("/payments/" + key);
    JsonNode created = json(first);
    assertThat(created.get("key").asText()).isEqualTo(key);
    assertThat(created.get("paymentId").asText()).startsWith("pay_");
    assertThat(created.get("amount").decimalValue()).isEqualByComparingTo("12.50");
    assertThat(created.get("currency").asText()).isEqualTo("EUR");
    assertThat(created.get("createdAt").asText()).isNotBlank();
    for (HttpResponse<String> repeat : List.of(second, third)) {
      assertThat(repeat.statusCode()).isEqualTo(200);
      assertThat(repeat.headers().firstValue("Idempotent-Replayed")).contains("true");
      assertThat(json(repeat)).isEqualTo(created);
    }
    assertThat(upstream.applied(key)).isEqualTo(1);
  }

  @Test
  void concurrentDuplicatesApplyExactlyOnce() throws Exception {
    String key = newKey();
    int duplicates = 5;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(duplicates);
    List<Future<HttpResponse<String>>> replies = new ArrayList<>();
    try {
      Callable<HttpResponse<String>> send =
          () -> {
            go.await();
            return upstream.pay(key, BODY);
          };
      for (int i = 0; i < duplicates; i++) {
        replies.add(pool.submit(send));
      }
      go.countDown();
      List<HttpResponse<String>> responses = new ArrayList<>();
      for (Future<HttpResponse<String>> reply : replies) {
        responses.add(reply.get(10, TimeUnit.SECONDS));
      }

      assertThat(responses)
          .extracting(HttpResponse::statusCode)
          .as("statuses of %s", responses.stream().map(HttpResponse::body).toList())
          .containsOnlyOnce(201)
          .containsOnly(201, 200);
      assertThat(responses)
          .extracting(r -> json(r).get("paymentId").asText())
          .containsOnly(json(responses.get(0)).get("paymentId").asText());
    } finally {
      pool.shutdownNow();
    }
    assertThat(upstream.applied(key)).isEqualTo(1);
    assertThat(json(upstream.get("/admin/effects/" + key)).at("/kinds/payment.charge").asLong())
        .isEqualTo(1);
  }

  @Test
  void sameKeyWithADifferentBodyIs422AndChangesNothing() throws Exception {
    String key = newKey();
    upstream.pay(key, BODY);

    HttpResponse<String> reused = upstream.pay(key, payment("acc-1", "acc-2", "99", "EUR"));

    assertThat(reused.statusCode()).isEqualTo(422);
    assertThat(reused.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(json(reused).get("type").asText()).endsWith("/idempotency-key-reused");
    assertThat(json(upstream.get("/payments/" + key)).get("amount").decimalValue())
        .isEqualByComparingTo("12.50");
    assertThat(upstream.applied(key)).isEqualTo(1);
  }

  @Test
  void lookupIs200ForAnAppliedKeyAnd404Otherwise() throws Exception {
    String key = newKey();
    JsonNode created = json(upstream.pay(key, BODY));

    HttpResponse<String> found = upstream.get("/payments/" + key);
    HttpResponse<String> missing = upstream.get("/payments/" + newKey());

    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(json(found)).isEqualTo(created);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(json(missing).get("type").asText()).endsWith("/payment-not-found");
  }

  @Test
  void keysHoldingSlashesAndSpacesCanBeLookedUp() throws Exception {
    String key = "demo/" + newKey() + "/a b";
    upstream.pay(key, BODY);
    String encoded =
        java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8)
            .replace("+", "%20");

    assertThat(upstream.get("/payments/" + encoded).statusCode()).isEqualTo(200);
    assertThat(json(upstream.get("/admin/effects/" + encoded)).get("applied").asInt()).isEqualTo(1);
  }

  @Test
  void businessRejectionsStoreNothing() throws Exception {
    String blocked = newKey();
    String tooMuch = newKey();

    HttpResponse<String> declined =
        upstream.pay(blocked, payment("blocked-acc", "acc-2", "5", "EUR"));
    HttpResponse<String> poor =
        upstream.pay(tooMuch, payment("acc-1", "acc-2", "1000000.01", "EUR"));

    assertThat(declined.statusCode()).isEqualTo(403);
    assertThat(json(declined).get("type").asText()).endsWith("declined");
    assertThat(poor.statusCode()).isEqualTo(402);
    assertThat(json(poor).get("type").asText()).endsWith("/insufficient-funds");
    for (String key : List.of(blocked, tooMuch)) {
      assertThat(upstream.applied(key)).isZero();
      assertThat(upstream.get("/payments/" + key).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void healthIsUp() throws Exception {
    HttpResponse<String> health = upstream.get("/actuator/health");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json(health).get("status").asText()).isEqualTo("UP");
  }
}
