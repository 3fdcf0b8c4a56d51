package dev.settle.upstream.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
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

  /** {@code {"sku":..,"quantity":..}}, one line of an order or a reservation. */
  public static Map<String, Object> item(String sku, int quantity) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("sku", sku);
    item.put("quantity", quantity);
    return item;
  }

  public static String order(String customer, String total, List<Map<String, Object>> items) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("customer", customer);
    body.put("items", items);
    body.put("currency", "EUR");
    body.put("total", total);
    return write(body);
  }

  public static String reservation(List<Map<String, Object>> items) {
    return write(Map.of("items", items));
  }

  /** The key as one path segment: '/' becomes %2F and ' ' becomes %20. */
  public static String encode(String key) {
    return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** POST with an Idempotency-Key, as for creating an order, a reservation or a payment. */
  public HttpResponse<String> postKeyed(String path, String key, String json)
      throws IOException, InterruptedException {
    return postKeyed(path, key, json, DEFAULT_TIMEOUT);
  }

  public HttpResponse<String> postKeyed(String path, String key, String json, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(BodyPublishers.ofString(json))
            .build();
    return http.send(request, BodyHandlers.ofString());
  }

  /** POST without a body, as for cancel, release and refund. */
  public HttpResponse<String> post(String path) throws IOException, InterruptedException {
    return post(path, DEFAULT_TIMEOUT);
  }

  public HttpResponse<String> post(String path, Duration timeout)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(timeout)
            .POST(BodyPublishers.noBody())
            .build(),
        BodyHandlers.ofString());
  }

  /** Sets the stock of a SKU and insists the sim accepted it. */
  public void setStock(String sku, long available) throws IOException, InterruptedException {
    HttpResponse<String> response =
        postJson("/admin/stock", write(Map.of("sku", sku, "available", available)));
    if (response.statusCode() != 200) {
      throw new IllegalStateException("stock not set: " + response.body());
    }
  }

  public long stock(String sku) throws IOException, InterruptedException {
    return json(get("/inventory/stock/" + sku)).get("available").asLong();
  }

  /** How many effects of one kind (e.g. {@code stock.release}) the sim applied for the key. */
  public long applied(String key, String kind) throws IOException, InterruptedException {
    JsonNode kinds = json(get("/admin/effects/" + encode(key))).get("kinds");
    if (!kinds.has(kind)) {
      throw new IllegalStateException("effect kind " + kind + " not reported: " + kinds);
    }
    return kinds.get(kind).asLong();
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
    return json(get("/admin/effects/" + encode(key))).get("applied").asLong();
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
