package dev.settle.e2e;

import static dev.settle.e2e.SettleApi.paymentBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.settle.e2e.SettleApi.Reply;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The idempotency contract as clients write their retry logic against it, on the real stack. */
@ExtendWith(SettleStack.class)
class IdempotencyContractIT {
  final SettleStack stack = SettleStack.get();
  final SettleApi api = new SettleApi(stack);

  @AfterEach
  void clearFaults() {
    api.clearFaults();
  }

  @Test
  void twentyConcurrentRequestsWithOneKeyRunOnceAndAgree() throws Exception {
    String key = "twenty-" + System.nanoTime();
    List<Reply> replies = concurrently(20, i -> api.pay(key, paymentBody("olga", "pete", "20.00")));

    assertThat(replies).extracting(Reply::status).allMatch(s -> s == 201 || s == 202);
    assertThat(replies)
        .extracting(r -> r.body().path("workflowId").asText())
        .containsOnly("demo/" + key);
    assertThat(replies)
        .filteredOn(r -> r.status() == 201)
        .extracting(r -> r.body().path("upstreamPaymentId").asText())
        .containsOnly(
            api.awaitStatus(key, "CONFIRMED", Duration.ofSeconds(30))
                .path("upstreamPaymentId")
                .asText());
    assertThat(api.applied(key)).isEqualTo(1);
    api.assertOneBalancedPosting(key, "olga", "pete", "20.00");
  }

  @Test
  void oneOddPayloadAmongThemGets422AndTheRestAreUnaffected() throws Exception {
    String key = "odd-" + System.nanoTime();
    List<Reply> replies =
        concurrently(
            20, i -> api.pay(key, paymentBody("quin", "rosa", i == 13 ? "99.00" : "21.00")));

    long unprocessable = replies.stream().filter(r -> r.status() == 422).count();
    assertThat(unprocessable).isBetween(1L, 20L);
    JsonNode op = api.awaitStatus(key, "CONFIRMED", Duration.ofSeconds(30));
    // Whichever payload won the race owns the key; every request with the other one got 422.
    String winner =
        new java.math.BigDecimal(op.path("amount").asText())
                    .compareTo(new java.math.BigDecimal("21"))
                == 0
            ? "21.00"
            : "99.00";
    assertThat(unprocessable).isEqualTo(winner.equals("21.00") ? 1 : 19);
    assertThat(replies)
        .filteredOn(r -> r.status() != 422)
        .allMatch(r -> r.status() == 201 || r.status() == 202);
    assertThat(api.applied(key)).isEqualTo(1);
    api.assertOneBalancedPosting(key, "quin", "rosa", winner);
  }

  @Test
  void twoClientsWithTheSameKeyHaveTwoOperations() {
    String key = "shared-" + System.nanoTime();
    Reply demo = api.pay(key, paymentBody("sam", "tom", "1.00"));
    Reply other =
        api.send(
            HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/v1/payments"))
                .header("Authorization", "Bearer " + SettleApi.OTHER_KEY)
                .header("Idempotency-Key", key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(paymentBody("uma", "vic", "2.00"))));

    assertThat(demo.status()).isIn(201, 202);
    assertThat(other.status()).isIn(201, 202);
    assertThat(demo.body().path("workflowId").asText()).isEqualTo("demo/" + key);
    assertThat(other.body().path("workflowId").asText()).isEqualTo("other/" + key);
    assertThat(api.awaitStatus(key, "CONFIRMED", Duration.ofSeconds(30)).path("amount").asText())
        .isEqualTo("1.00");
    assertThat(api.operation(key, SettleApi.OTHER_KEY).body().path("amount").asText())
        .isEqualTo("2.00");
    assertThat(api.applied("demo", key)).isEqualTo(1);
    assertThat(api.applied("other", key)).isEqualTo(1);
  }

  @Test
  void replayIsByteForByteTheFirstFinalAnswer() {
    String key = "replay-" + System.nanoTime();
    String body = paymentBody("wes", "xia", "5.55");
    RawReply first = raw(key, body);
    RawReply again = raw(key, body);
    RawReply quoted = raw("\"" + key + "\"", body);

    assertThat(first.status()).isEqualTo(201);
    assertThat(first.header("Idempotent-Replayed")).isNull();
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(quoted.body()).isEqualTo(first.body());
    assertThat(Long.parseLong(first.header("Idempotency-Key-Retention"))).isPositive();
    assertThat(api.applied(key)).isEqualTo(1);
  }

  @Test
  void strictClientsGet409WhileTheFirstRequestIsUnresolved() {
    String key = "strict-" + System.nanoTime();
    api.fault("{\"mode\":\"STATUS_UNAVAILABLE\"}");
    api.fault("{\"mode\":\"COMMIT_THEN_TIMEOUT\",\"count\":1,\"latencyMs\":4000}");
    String body = paymentBody("yan", "zoe", "6.00");
    assertThat(api.pay(key, body).status()).isEqualTo(202);

    Reply strict =
        api.send(
            HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/v1/payments"))
                .header("Authorization", "Bearer " + SettleApi.DEMO_KEY)
                .header("Idempotency-Key", key)
                .header("Prefer", "idempotency=strict")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    Reply lenient = api.pay(key, body);

    assertThat(strict.status()).isEqualTo(409);
    assertThat(strict.body().path("type").asText()).endsWith("/operation-in-progress");
    assertThat(lenient.status()).isEqualTo(202);
    assertThat(lenient.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(lenient.header("Retry-After")).isNotBlank();
    api.clearFaults();
    api.reconcile(key);
    api.awaitStatus(key, "CONFIRMED", Duration.ofSeconds(30));
    assertThat(api.applied(key)).isEqualTo(1);
  }

  @Test
  void servedOpenApiMatchesTheCheckedInCopy() throws Exception {
    Reply served =
        api.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/v3/api-docs")).GET());
    JsonNode checkedIn =
        SettleApi.JSON.readTree(Files.readString(stack.repo.resolve("docs/openapi.json")));

    assertThat(served.status()).isEqualTo(200);
    assertThat(served.body())
        .as(
            "docs/openapi.json is stale: regenerate it with curl -s http://127.0.0.1:8080/v3/api-docs | python3 -m json.tool > docs/openapi.json")
        .isEqualTo(checkedIn);
  }

  record RawReply(int status, java.util.Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  RawReply raw(String key, String body) {
    try {
      var response =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/v1/payments"))
                      .header("Authorization", "Bearer " + SettleApi.DEMO_KEY)
                      .header("Idempotency-Key", key)
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new RawReply(response.statusCode(), response.headers().map(), response.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  interface Call {
    Reply call(int i) throws Exception;
  }

  static List<Reply> concurrently(int n, Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<Reply>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(pool.submit((Callable<Reply>) () -> call.call(index)));
      }
      List<Reply> replies = new ArrayList<>();
      for (Future<Reply> future : futures) {
        replies.add(future.get());
      }
      return replies;
    } finally {
      pool.shutdownNow();
    }
  }
}
