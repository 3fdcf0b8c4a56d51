package dev.settle.e2e;

import static dev.settle.e2e.SettleApi.paymentBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.settle.e2e.SettleApi.Reply;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad input gets a problem+json 4xx from the real gateway and starts nothing. */
@ExtendWith(SettleStack.class)
class BadInputIT {
  final SettleStack stack = SettleStack.get();
  final SettleApi api = new SettleApi(stack);

  HttpRequest.Builder post(String key, String apiKey, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/v1/payments"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    return request;
  }

  @Test
  void eachBadRequestIsAProblemAndStartsNothing() {
    String key = "bad-" + System.nanoTime();
    assertProblem(api.send(post(null, SettleApi.DEMO_KEY, paymentBody("a", "b", "1.00"))), 400);
    assertProblem(api.send(post(key, null, paymentBody("a", "b", "1.00"))), 401);
    assertProblem(api.send(post(key, "not-a-key", paymentBody("a", "b", "1.00"))), 401);
    assertProblem(api.send(post(key, SettleApi.DEMO_KEY, paymentBody("a", "b", "-1.00"))), 400);
    assertProblem(api.send(post(key, SettleApi.DEMO_KEY, "{\"amount\":")), 400);
    assertProblem(api.send(post(key, SettleApi.DEMO_KEY, paymentBody("a", "a", "1.00"))), 400);

    assertProblem(api.operation(key, SettleApi.DEMO_KEY), 404);
    assertThat(api.applied(key)).isZero();
  }

  /**
   * What only the real server shows: Tomcat parses a multipart body before any controller, and a
   * duplicated member must be refused by the gateway's own ObjectMapper, not charged.
   */
  @Test
  void ambiguousOrUnparseableInputIsAClientErrorNeverA500() {
    String key = "strict-" + System.nanoTime();
    HttpRequest.Builder multipart =
        post(key, SettleApi.DEMO_KEY, paymentBody("a", "b", "1.00"))
            .setHeader("Content-Type", "multipart/form-data");
    assertProblem(api.send(multipart), 415);
    String twice =
        paymentBody("alice", "bob", "1.00").replace("{", "{\"debitAccount\":\"mallory\",");
    assertProblem(api.send(post(key, SettleApi.DEMO_KEY, twice)), 400);
    String trailing = paymentBody("alice", "bob", "1.00") + "{}";
    assertProblem(api.send(post(key, SettleApi.DEMO_KEY, trailing)), 400);
    for (String limit : new String[] {"0", "", "1001"}) {
      assertProblem(
          api.send(
              HttpRequest.newBuilder(
                      URI.create(
                          stack.gatewayUrl() + "/v1/operations?status=UNKNOWN&limit=" + limit))
                  .header("Authorization", "Bearer " + SettleApi.DEMO_KEY)
                  .GET()),
          400);
    }

    assertProblem(api.operation(key, SettleApi.DEMO_KEY), 404);
    assertThat(api.applied(key)).isZero();
  }

  @Test
  void keysAreScopedPerClientAndMayHoldSlashes() {
    String key = "tenant/a b/" + System.nanoTime();
    Reply created = api.pay(key, paymentBody("ivan", "judy", "11.00"));
    assertThat(created.status()).isIn(201, 202);
    api.awaitStatus(key, "CONFIRMED", java.time.Duration.ofSeconds(30));

    assertThat(api.operation(key, SettleApi.DEMO_KEY).status()).isEqualTo(200);
    assertProblem(api.operation(key, SettleApi.OTHER_KEY), 404);
    assertThat(api.applied(key)).isEqualTo(1);
  }

  /**
   * Both ends of the key range complete, and one character more is refused before anything starts:
   * no key the gateway accepts can be refused upstream after Settle prefixed its client.
   */
  @Test
  void everyKeyTheGatewayAcceptsFitsTheUpstream() {
    String stamp = Long.toString(System.nanoTime(), 36);
    String longest = stamp + "k".repeat(177 - stamp.length());
    String tooLong = longest + "k";
    String shortest = stamp.substring(stamp.length() - 1);
    // A fresh one-character key per run is not to be had: the shortest is checked by its answer.
    for (String key : List.of(longest, shortest)) {
      Reply reply = api.send(post(key, SettleApi.OTHER_KEY, paymentBody("kai", "lou", "1.00")));
      assertThat(reply.status()).as("%s: %s", key.length(), reply.body()).isIn(200, 201);
      assertThat(reply.operationStatus())
          .as("key of %s characters", key.length())
          .isEqualTo("CONFIRMED");
    }
    assertThat(api.applied("other", longest)).isEqualTo(1);

    assertProblem(
        api.send(post(tooLong, SettleApi.DEMO_KEY, paymentBody("kai", "lou", "1.00"))), 400);
    assertThat(api.applied(tooLong)).isZero();
  }

  static void assertProblem(Reply reply, int status) {
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reply.body().path("type").asText()).startsWith("https://settle.dev/problems/");
  }
}
