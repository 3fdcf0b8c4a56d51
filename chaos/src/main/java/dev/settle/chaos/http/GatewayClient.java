package dev.settle.chaos.http;

import dev.settle.chaos.http.Http.Answer;
import java.net.URI;
import java.net.http.HttpRequest;

/** A client of the gateway, as client {@code demo} (API key {@code dev-key-demo}). */
public final class GatewayClient {
  /** The client id Settle prefixes keys with in workflow ids and upstream keys. */
  public static final String CLIENT = "demo";

  private static final String API_KEY = "dev-key-demo";

  private final Http http;
  private final String baseUrl;

  public GatewayClient(Http http, String baseUrl) {
    this.http = http;
    this.baseUrl = baseUrl;
  }

  public Answer submit(String path, String key, String body) {
    return http.send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Authorization", "Bearer " + API_KEY)
            .header("Idempotency-Key", key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Answer operation(String key) {
    return http.send(
        HttpRequest.newBuilder(URI.create(baseUrl + "/v1/operations/" + Http.encode(key)))
            .header("Authorization", "Bearer " + API_KEY)
            .GET());
  }

  /** The id Settle gives the operation everywhere downstream: {@code demo/<key>}. */
  public static String workflowId(String key) {
    return CLIENT + "/" + key;
  }
}
