package dev.settle.e2e;

import static dev.settle.e2e.SettleApi.paymentBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every metric the Grafana dashboard plots is exported by the gateway or the worker: those it names
 * and those behind the recorded series it plots (deploy/prometheus/rules/settle.yml).
 */
@ExtendWith(SettleStack.class)
class DashboardIT {
  static final Pattern METRIC = Pattern.compile("\\b((?:settle|resilience4j|temporal)_[a-z0-9_]+)");
  static final Pattern RECORDED = Pattern.compile("\\bsettle:[a-z0-9_:]+");

  final SettleStack stack = SettleStack.get();
  final SettleApi api = new SettleApi(stack);

  @Test
  void everyPlottedMetricIsExported() throws Exception {
    // Make each kind of event happen once: a reconciliation, and an order that compensates.
    String key = "dashboard-" + System.nanoTime();
    api.fault(
        "{\"mode\":\"COMMIT_THEN_TIMEOUT\",\"count\":1,\"latencyMs\":3000,\"operation\":\"payment.charge\"}");
    api.pay(key, paymentBody("quinn", "ray", "1.00"));
    api.awaitStatus(key, "CONFIRMED", Duration.ofSeconds(60));
    String order = "dashboard-order-" + System.nanoTime();
    api.send(
        HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/v1/orders"))
            .header("Authorization", "Bearer " + SettleApi.DEMO_KEY)
            .header("Idempotency-Key", order)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"customerAccount\":\"blocked-sam\",\"merchantAccount\":\"shop\",\"items\":[{\"sku\":\"none\",\"quantity\":1}],\"amount\":\"1.00\",\"currency\":\"EUR\"}")));
    api.awaitStatus(order, "FAILED", Duration.ofSeconds(60));
    api.send(
        HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/v1/orders"))
            .header("Authorization", "Bearer " + SettleApi.DEMO_KEY)
            .header("Idempotency-Key", order + "-short")
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"customerAccount\":\"sam\",\"merchantAccount\":\"shop\",\"items\":[{\"sku\":\"none\",\"quantity\":1}],\"amount\":\"1.00\",\"currency\":\"EUR\"}")));
    api.awaitStatus(order + "-short", "FAILED", Duration.ofSeconds(60));
    api.clearFaults();

    JsonNode dashboard =
        SettleApi.JSON.readTree(
            Files.readString(stack.repo.resolve("deploy/grafana/settle-dashboard.json")));
    Map<String, String> recordingRules = recordingRules();
    Set<String> plotted = new TreeSet<>();
    dashboard
        .path("panels")
        .forEach(
            panel ->
                panel
                    .path("targets")
                    .forEach(
                        target -> {
                          String expr = target.path("expr").asText();
                          Matcher recorded = RECORDED.matcher(expr);
                          while (recorded.find()) {
                            assertThat(recordingRules).containsKey(recorded.group());
                            expr += " " + recordingRules.get(recorded.group());
                          }
                          Matcher m = METRIC.matcher(expr);
                          while (m.find()) {
                            plotted.add(m.group(1));
                          }
                        }));
    assertThat(plotted)
        .contains(
            "settle_upstream_call_seconds_bucket",
            "settle_operations_unknown",
            "settle_evidence_discrepancies_total",
            "resilience4j_circuitbreaker_state");

    // Workflow metrics reach the registry on Temporal's reporting interval: poll for a while.
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Set<String> missing;
    do {
      String exported = scrape(stack.gatewayUrl()) + scrape(stack.workerUrl());
      missing = new TreeSet<>();
      for (String metric : plotted) {
        if (!Pattern.compile("(?m)^" + metric + "[{ ]").matcher(exported).find()) {
          missing.add(metric);
        }
      }
      if (!missing.isEmpty()) {
        Thread.sleep(2000);
      }
    } while (!missing.isEmpty() && System.nanoTime() < deadline);
    assertThat(missing).as("plotted but not exported").isEmpty();
  }

  /** Recorded series name → its expression. */
  private Map<String, String> recordingRules() throws java.io.IOException {
    JsonNode rules =
        new YAMLMapper()
            .readTree(Files.readString(stack.repo.resolve("deploy/prometheus/rules/settle.yml")));
    Map<String, String> recorded = new TreeMap<>();
    for (JsonNode group : rules.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        if (rule.has("record")) {
          recorded.put(rule.path("record").asText(), rule.path("expr").asText());
        }
      }
    }
    return recorded;
  }

  private String scrape(String base) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    SettleApi.Reply reply;
    do {
      reply = null;
      try {
        var response =
            java.net.http.HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("settle_")) {
          return response.body();
        }
        Thread.sleep(1000);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    } while (System.nanoTime() < deadline);
    throw new AssertionError("no settle_ metrics at " + base);
  }
}
