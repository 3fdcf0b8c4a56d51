package dev.settle.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real Prometheus (Debian's, installed by {@code bin/settle test}) beside the stack, started the
 * way an operator does ({@code bin/settle start prometheus}, on a free loopback port, scraping
 * every 2 s here): it accepts both apps' scrapes, records the KPIs, and an operation stuck past the
 * horizon shows as UNKNOWN and then fires the MANUAL_REVIEW alert, read through its HTTP API.
 */
@ExtendWith(SettleStack.class)
class PrometheusIT {
  static final Duration WITHIN = Duration.ofSeconds(180);

  static final SettleStack stack = SettleStack.get();
  final SettleApi api = new SettleApi(stack);
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void startPrometheus() {
    stack.settle("start", "prometheus");
  }

  @AfterAll
  static void stopPrometheus() {
    stack.settle("stop", "prometheus");
  }

  String prometheus() {
    return stack.target().url("SETTLE_PROMETHEUS_PORT");
  }

  @Test
  void bothAppsScrapesPassPromtoolWithoutAWarning() throws Exception {
    for (String app : List.of(stack.gatewayUrl(), stack.workerUrl())) {
      String scrape = get(app + "/actuator/prometheus").body();
      assertThat(scrape).contains("settle_");
      assertThat(promtoolCheckMetrics(scrape)).as("promtool check metrics on %s", app).isEmpty();
      // Settle's series carry their own labels only, none of Temporal's scope fillers.
      assertThat(scrape.lines().filter(l -> l.startsWith("settle_")).toList())
          .isNotEmpty()
          .noneMatch(l -> l.contains("=\"none\"") || l.contains("namespace="));
    }
  }

  @Test
  void aStuckOperationShowsInTheRecordedSeriesAndFiresTheManualReviewAlert() throws Exception {
    Map<String, String> health =
        awaitValue(
            this::targetHealth,
            h -> h.size() == 3 && h.values().stream().allMatch("up"::equals),
            "every target up");
    assertThat(health).containsOnlyKeys("settle-gateway", "settle-worker", "temporal");
    // The ratios have data (a rate needs two scrapes) although nothing was compensated yet.
    awaitSeries("settle:upstream_calls_ambiguous:ratio_rate5m{upstream=\"payments\"}");
    awaitSeries("settle:orders_compensated:ratio_rate1h");

    String key = api.stuckPayment("prometheus-");
    try {
      // UNKNOWN: the gateway's gauge (refreshed every 15 s), scraped and recorded.
      awaitSeries("settle:operations_unknown:max >= 1");
      awaitSeries("settle:operations_unknown_oldest_age_seconds:max > 0");
      // Past the horizon (30 s in this stack) the operation waits for an operator: the alert
      // goes pending, then fires a minute later.
      api.awaitStatus(key, "MANUAL_REVIEW", WITHIN);
      JsonNode alert =
          awaitValue(
              () -> firing("SettleManualReviewWaiting"),
              a -> a != null,
              "SettleManualReviewWaiting firing");
      assertThat(alert.path("labels").path("severity").asText()).isEqualTo("ticket");
      assertThat(alert.path("annotations").path("summary").asText()).contains("MANUAL_REVIEW");
      assertThat(query("settle:operations_manual_review:max >= 1")).isNotEmpty();
      assertThat(query("ALERTS{alertname=\"SettleManualReviewWaiting\",alertstate=\"firing\"}"))
          .isNotEmpty();
    } finally {
      api.clearFaults();
    }
  }

  /** job → health of its target. */
  private Map<String, String> targetHealth() {
    Map<String, String> health = new TreeMap<>();
    api("/api/v1/targets")
        .path("activeTargets")
        .forEach(t -> health.put(t.path("labels").path("job").asText(), t.path("health").asText()));
    return health;
  }

  private List<JsonNode> query(String promql) {
    List<JsonNode> result = new ArrayList<>();
    api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
        .path("result")
        .forEach(result::add);
    return result;
  }

  private JsonNode firing(String alertname) {
    for (JsonNode alert : api("/api/v1/alerts").path("alerts")) {
      if (alertname.equals(alert.path("labels").path("alertname").asText())
          && "firing".equals(alert.path("state").asText())) {
        return alert;
      }
    }
    return null;
  }

  private JsonNode api(String path) {
    try {
      HttpResponse<String> response = get(prometheus() + path);
      assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
      JsonNode body = SettleApi.JSON.readTree(response.body());
      assertThat(body.path("status").asText()).isEqualTo("success");
      return body.path("data");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> get(String url) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(url, e);
    }
  }

  interface Probe<T> {
    T get() throws Exception;
  }

  /** Polls until the query returns a series. */
  private List<JsonNode> awaitSeries(String promql) throws Exception {
    return awaitValue(() -> query(promql), r -> !r.isEmpty(), promql);
  }

  /** Polls until the condition holds, for at most {@link #WITHIN}. */
  private static <T> T awaitValue(Probe<T> probe, Predicate<T> condition, String what)
      throws Exception {
    long deadline = System.nanoTime() + WITHIN.toNanos();
    T last = probe.get();
    while (!condition.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WITHIN + ": " + what + "; last: " + last);
      }
      Thread.sleep(1000);
      last = probe.get();
    }
    return last;
  }

  /** promtool's findings on a scrape (empty: none). */
  private static String promtoolCheckMetrics(String scrape) throws Exception {
    Path input = Files.createTempFile("scrape", ".txt");
    try {
      Files.writeString(input, scrape);
      Process process =
          new ProcessBuilder("promtool", "check", "metrics")
              .redirectInput(input.toFile())
              .redirectErrorStream(true)
              .start();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("promtool finished").isTrue();
      return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    } finally {
      Files.deleteIfExists(input);
    }
  }
}
