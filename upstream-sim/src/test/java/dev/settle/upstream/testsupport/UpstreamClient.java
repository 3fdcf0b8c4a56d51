package dev.settle.upstream.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Talks to a running upstream-sim the way Settle's activities will: java.net.http over HTTP/1.1,
 * with a per-request timeout, so the tests see timeouts and resets exactly as a caller would.
 */
public final class UpstreamClient {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  public UpstreamClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  public static String payment(String debit, String credit, String amount, String currency) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("debitAccount", debit);
    body.put("creditAccount", credit);
    body.put("amount", new BigDecimal(amount));
    body.put("currency", currency);
    return write(body);
  }

  public HttpResponse<String> pay(String key, String json)
      throws IOException, InterruptedException {
    return pay(key, json, DEFAULT_TIMEOUT);
  }

  /** POST /payments; throws HttpTimeoutException or another IOException as a caller would see. */
  public HttpResponse<String> pay(String key, String json, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/payments"))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(BodyPublishers.ofString(json))
            .build();
    return http.send(request, BodyHandlers.ofString());
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).timeout(DEFAULT_TIMEOUT).GET().build(),
        BodyHandlers.ofString());
  }

  public HttpResponse<String> postJson(String path, String json)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(DEFAULT_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString(json))
            .build(),
        BodyHandlers.ofString());
  }

  public HttpResponse<String> delete(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).timeout(DEFAULT_TIMEOUT).DELETE().build(),
        BodyHandlers.ofString());
  }

  /** Adds a fault rule and insists the sim accepted it. */
  public JsonNode addFault(Map<String, Object> rule) throws IOException, InterruptedException {
    HttpResponse<String> response = postJson("/admin/faults", write(rule));
    if (response.statusCode() != 201) {
      throw new IllegalStateException("fault not accepted: " + response.body());
    }
    return json(response);
  }

  /** The ground truth: how many times the sim really applied an effect for the key. */
  public long applied(String key) throws IOException, InterruptedException {
    return json(get("/admin/effects/" + key)).get("applied").asLong();
  }

  public static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + response.body(), e);
    }
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
