package dev.settle.stackkit.http;

import dev.settle.stackkit.http.Http.Answer;
import java.net.URI;
import java.net.http.HttpRequest;

/** A client of the gateway's API, authenticated by one API key. */
public final class GatewayClient {
  /** The client the dev stack knows (bin/settle's gateway profile), and its API key. */
  public static final String DEMO_CLIENT = "demo";

  public static final String DEMO_API_KEY = "dev-key-demo";

  private final Http http;
  private final String baseUrl;
  private final String apiKey;

  public GatewayClient(Http http, String baseUrl, String apiKey) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
  }

  /** As client {@link #DEMO_CLIENT}. */
  public static GatewayClient demo(Http http, String baseUrl) {
    return new GatewayClient(http, baseUrl, DEMO_API_KEY);
  }

  /** {@code POST <path>} (e.g. {@code /v1/payments}) of an operation under its idempotency key. */
  public Answer submit(String path, String key, String json) {
    return http.postJson(
        baseUrl + path, json, "Authorization", "Bearer " + apiKey, "Idempotency-Key", key);
  }

  /** {@code GET /v1/operations/{key}}: the operation's status. */
  public Answer operation(String key) {
    return http.send(
        HttpRequest.newBuilder(URI.create(baseUrl + "/v1/operations/" + Http.encode(key)))
            .header("Authorization", "Bearer " + apiKey)
            .GET());
  }
}
