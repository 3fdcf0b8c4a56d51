package dev.settle.bench.payment;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/** The gateway's API as one client (the demo one) uses it. */
final class GatewayClient {
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
