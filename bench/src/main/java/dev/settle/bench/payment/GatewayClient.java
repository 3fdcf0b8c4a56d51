package dev.settle.bench.payment;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The gateway's API as one client (the demo one) uses it. */
final class GatewayClient {
  /** Between two status reads of a 202'd operation: well below the gateway's Retry-After. */
  private static final Duration POLL = Duration.ofMillis(50);

  private final Http http;
  private final URI base;
  private final String apiKey;

  GatewayClient(Http http, URI base, String apiKey) {
    this.http = http;
    this.base = base;
    this.apiKey = apiKey;
  }

  /** {@code POST /v1/payments}; a 201 counts only with a CONFIRMED body. */
  Http.Reply pay(String key) throws IOException, InterruptedException {
    Http.Reply reply =
        http.postJson(
            base.resolve("/v1/payments"),
            PaymentFixtures.body(),
            "Authorization",
            "Bearer " + apiKey,
            "Idempotency-Key",
            key);
    if (reply.status() == 201 && !"CONFIRMED".equals(reply.text("status"))) {
      throw new Http.UnexpectedAnswer("gateway answered 201 " + reply.gist());
    }
    return reply;
  }

  /**
   * Reads {@code GET /v1/operations/{key}} until the operation is final, as a client given a 202
   * does; returns normally only when it is CONFIRMED.
   */
  void awaitConfirmed(String key, Duration limit) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      Http.Reply reply = operation(key).expect("status", 200);
      String status = reply.text("status");
      if (status.equals("CONFIRMED")) {
        return;
      }
      if (status.equals("FAILED") || status.equals("MANUAL_REVIEW")) {
        throw new Http.UnexpectedAnswer("operation ended " + reply.gist());
      }
      Thread.sleep(POLL.toMillis());
    }
    throw new Http.UnexpectedAnswer("operation not final after " + limit.toSeconds() + " s");
  }

  /** {@code GET /v1/operations/{key}}. */
  Http.Reply operation(String key) throws IOException, InterruptedException {
    String path =
        "/v1/operations/" + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
    return http.send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Authorization", "Bearer " + apiKey)
            .GET());
  }
}
