package dev.settle.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.settle.stackkit.http.Http;
import dev.settle.stackkit.http.UpstreamAdmin;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.function.Predicate;

/** What a client, an operator and an auditor can see: the gateway, upstream-sim and the ledger. */
public final class SettleApi {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String DEMO_KEY = "dev-key-demo";
  static final String OTHER_KEY = "dev-key-other";

  private final SettleStack stack;
  private final String gatewayUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final UpstreamAdmin upstream;

  public SettleApi(SettleStack stack) {
    this(stack, stack.gatewayUrl());
  }

  /** Talks to another gateway of the same stack (scale-out tests). */
  public SettleApi(SettleStack stack, String gatewayUrl) {
    this.stack = stack;
    this.gatewayUrl = gatewayUrl;
    this.upstream =
        new UpstreamAdmin(
            new Http(Duration.ofSeconds(5), Duration.ofSeconds(30)), stack.upstreamUrl());
  }

  public record Reply(int status, Map<String, List<String>> headers, JsonNode body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    String operationStatus() {
      return body.path("status").asText();
    }
  }

  /** The gateway's Prometheus page, as a scrape reads it. */
  public String gatewayMetrics() {
    return metrics(gatewayUrl);
  }

  /** The Prometheus page of the app at {@code baseUrl} (gateway or worker). */
  public String metrics(String baseUrl) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                  .timeout(Duration.ofSeconds(10))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The value of a series on the gateway's metrics page: {@code name} for its first sample, or
   * {@code name{label="value"} } to pick one by its first labels; NaN while it has none.
   */
  public double gatewayGauge(String series) {
    return gatewayMetrics()
        .lines()
        .filter(line -> isSampleOf(line, series))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(Double.NaN);
  }

  /**
   * Waits until a gateway gauge is as expected: the gateway caches its gauges and refreshes them on
   * a schedule, so a change shows some seconds after it happened.
   */
  public double awaitGatewayGauge(String series, DoublePredicate expected, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    double last = Double.NaN;
    while (System.nanoTime() < deadline) {
      last = gatewayGauge(series);
      if (!Double.isNaN(last) && expected.test(last)) {
        return last;
      }
      sleep(Duration.ofSeconds(1));
    }
    throw new AssertionError(series + " never as expected within " + within + "; last: " + last);
  }

  /** A sample line of the series: its name, then its labels (or more of them) or its value. */
  private static boolean isSampleOf(String line, String series) {
    return line.startsWith(series)
        && line.length() > series.length()
        && " {,}".indexOf(line.charAt(series.length())) >= 0;
  }

  public static String paymentBody(String debit, String credit, String amount) {
    return "{\"debitAccount\":\""
        + debit
        + "\",\"creditAccount\":\""
        + credit
        + "\",\"amount\":\""
        + amount
        + "\",\"currency\":\"EUR\"}";
  }

  public Reply pay(String key, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(gatewayUrl + "/v1/payments"))
            .header("Authorization", "Bearer " + DEMO_KEY)
            .header("Idempotency-Key", key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
      return new Reply(response.statusCode(), response.headers().map(), body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Reply operation(String key, String apiKey) {
    return send(
        HttpRequest.newBuilder(URI.create(gatewayUrl + "/v1/operations/" + encode(key)))
            .header("Authorization", "Bearer " + apiKey)
            .GET());
  }

  public Reply reconcile(String key) {
    return send(
        HttpRequest.newBuilder(
                URI.create(gatewayUrl + "/v1/operations/" + encode(key) + "/reconcile"))
            .header("Authorization", "Bearer " + DEMO_KEY)
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  /** Polls the status URL until it answers 404 (the operation was deleted), within a bound. */
  public void awaitGone(String key, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (operation(key, DEMO_KEY).status() != 404) {
      assertThat(System.nanoTime()).as("%s still known after %s", key, within).isLessThan(deadline);
      sleep(Duration.ofMillis(250));
    }
  }

  /** Polls the status URL until the operation matches, within a bound. */
  public JsonNode awaitOperation(String key, Predicate<JsonNode> condition, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      Reply reply = operation(key, DEMO_KEY);
      assertThat(reply.status()).as("GET /v1/operations/%s: %s", key, reply.body()).isEqualTo(200);
      last = reply.body();
      if (condition.test(last)) {
        return last;
      }
      sleep(Duration.ofMillis(250));
    }
    throw new AssertionError(
        "operation " + key + " never matched within " + within + "; last: " + last);
  }

  public JsonNode awaitStatus(String key, String status, Duration within) {
    return awaitOperation(key, op -> status.equals(op.path("status").asText()), within);
  }

  // --- sources of truth besides the status lookup ---------------------------------------------

  static final String OPERATOR_KEY = "dev-operator-key";

  /** The dev secret bin/settle gives both upstream-sim and the gateway. */
  static final String WEBHOOK_SECRET = "dev-webhook-secret";

  /** Posts a webhook to the gateway as the upstream would, with the given signature header. */
  public Reply webhook(String signature, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/v1/webhooks/upstream"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    return send(signature == null ? request : request.header("Settle-Signature", signature));
  }

  /** {@code t=<unix>,v1=<hex HMAC-SHA256 of "<t>." + body>}, what upstream-sim sends. */
  public static String sign(String secret, long unixSeconds, String body) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return "t=" + unixSeconds + ",v1=" + java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Switches upstream-sim's settlement webhooks, e.g. {@code {"enabled":true,"delayMs":3000}}. */
  public void webhooks(String json) {
    Reply reply =
        send(
            HttpRequest.newBuilder(URI.create(stack.upstreamUrl() + "/admin/webhooks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    assertThat(reply.status()).as("webhooks %s: %s", json, reply.body()).isEqualTo(200);
  }

  /** upstream-sim's statement (CSV) of the charges settled that day. */
  public String statement(java.time.LocalDate day) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(stack.upstreamUrl() + "/admin/statement?date=" + day))
                  .timeout(Duration.ofSeconds(30))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An operator imports a statement into the gateway. */
  public Reply importStatement(String csv) {
    return send(
        HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/v1/reconciliation/statements"))
            .header("Authorization", "Bearer " + OPERATOR_KEY)
            .header("Content-Type", "text/csv")
            .timeout(Duration.ofMinutes(2))
            .POST(HttpRequest.BodyPublishers.ofString(csv)));
  }

  // --- upstream-sim -------------------------------------------------------------------------

  public void clearFaults() {
    upstream.clearFaults();
  }

  public void fault(String json) {
    upstream.addFault(json);
  }

  /** Applied upstream, but the status endpoint is down: UNKNOWN until the horizon. */
  public String stuckPayment(String prefix) {
    clearFaults();
    fault("{\"mode\":\"STATUS_UNAVAILABLE\"}");
    fault("{\"mode\":\"COMMIT_THEN_TIMEOUT\",\"count\":1,\"latencyMs\":4000}");
    String key = prefix + System.nanoTime();
    pay(key, paymentBody("uma", "victor", "4.00"));
    JsonNode op =
        awaitOperation(
            key, o -> o.path("reconciliation").has("unknownSince"), Duration.ofSeconds(60));
    assertThat(op.path("status").asText()).isEqualTo("UNKNOWN");
    return key;
  }

  /** How many times the upstream applied the payment of this client key. */
  public int applied(String key) {
    return applied("demo", key);
  }

  /** The upstream sees the operation's upstream key (unique per run) as its idempotency key. */
  public int applied(String client, String key) {
    return appliedUnder(upstreamKey(client, key));
  }

  public int appliedUnder(String upstreamKey) {
    Reply reply =
        send(
            HttpRequest.newBuilder(
                    URI.create(stack.upstreamUrl() + "/admin/effects/" + encode(upstreamKey)))
                .GET());
    assertThat(reply.status()).isEqualTo(200);
    return reply.body().path("applied").asInt();
  }

  /**
   * The key the operation's current run sends upstream, as its status shows it; for an operation
   * that never started, the key it would have had before per-run keys (which nothing can be under).
   */
  public String upstreamKey(String client, String key) {
    Reply op = operation(key, client.equals("other") ? OTHER_KEY : DEMO_KEY);
    String upstreamKey = op.body() == null ? "" : op.body().path("upstreamKey").asText("");
    return upstreamKey.isEmpty() ? client + "/" + key : upstreamKey;
  }

  public String upstreamKey(String key) {
    return upstreamKey("demo", key);
  }

  // --- ledger -------------------------------------------------------------------------------

  public record Entry(
      String kind, String account, String direction, BigDecimal amount, String currency) {}

  /** The ledger entries of the operation's current run. */
  public List<Entry> ledger(String key) {
    return ledgerUnder(upstreamKey(key));
  }

  public List<Entry> ledgerUnder(String reference) {
    try (Connection db = DriverManager.getConnection(stack.ledgerJdbcUrl(), "postgres", "");
        PreparedStatement query =
            db.prepareStatement(
                "select kind, account, direction, amount, currency from ledger_entry where operation_id = ? order by id")) {
      query.setString(1, reference);
      List<Entry> entries = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          entries.add(
              new Entry(
                  rows.getString(1),
                  rows.getString(2),
                  rows.getString(3),
                  rows.getBigDecimal(4),
                  rows.getString(5)));
        }
      }
      return entries;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Exactly one balanced posting: amount debited from one account, credited to the other. */
  public void assertOneBalancedPosting(String key, String debit, String credit, String amount) {
    assertOneBalancedPostingUnder(upstreamKey(key), debit, credit, amount);
  }

  public void assertOneBalancedPostingUnder(
      String reference, String debit, String credit, String amount) {
    assertThat(ledgerUnder(reference))
        .usingRecursiveFieldByFieldElementComparator(
            org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration.builder()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .build())
        .containsExactlyInAnyOrder(
            new Entry("POSTING", debit, "DR", new BigDecimal(amount), "EUR"),
            new Entry("POSTING", credit, "CR", new BigDecimal(amount), "EUR"));
  }

  static String encode(String key) {
    return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
