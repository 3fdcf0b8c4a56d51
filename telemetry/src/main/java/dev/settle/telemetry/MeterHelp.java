package dev.settle.telemetry;

import java.util.Map;
import java.util.Optional;

/**
 * Help text for the meters that the libraries register without a description (Prometheus's {@code #
 * HELP}; promtool warns on every meter that has none). A meter missing here and without a
 * description of its own fails the promtool tests, so a new one gets its text here.
 */
final class MeterHelp {
  static final String TEMPORAL_SDK_METRICS = "https://docs.temporal.io/references/sdk-metrics";

  private static final Map<String, String> HELP =
      Map.ofEntries(
          Map.entry(
              "http.server.requests",
              "HTTP requests served, by method, URI template, status and outcome"),
          Map.entry("http.server.requests.active", "HTTP requests being served now"),
          Map.entry(
              "http.client.requests", "HTTP requests sent, by method, URI, status and outcome"),
          Map.entry("http.client.requests.active", "HTTP requests sent and not answered yet"),
          Map.entry(
              "tasks.scheduled.execution",
              "Runs of scheduled tasks (the gauges' refreshes), by method and outcome"),
          Map.entry("tasks.scheduled.execution.active", "Scheduled tasks running now"),
          Map.entry(
              "tomcat.sessions.active.current",
              "Tomcat HTTP sessions active now (the APIs are stateless: 0)"),
          Map.entry("tomcat.sessions.active.max", "Most Tomcat HTTP sessions active at once"),
          Map.entry("tomcat.sessions.alive.max", "Longest a Tomcat HTTP session was alive"),
          Map.entry("tomcat.sessions.created", "Tomcat HTTP sessions created"),
          Map.entry("tomcat.sessions.expired", "Tomcat HTTP sessions expired"),
          Map.entry(
              "tomcat.sessions.rejected",
              "Tomcat HTTP sessions refused because the maximum was reached"));

  private MeterHelp() {}

  static Optional<String> of(String name) {
    String help = HELP.get(name);
    if (help != null) {
      return Optional.of(help);
    }
    if (name.startsWith("temporal_") || name.startsWith("temporal.")) {
      // The SDK's meters have no descriptions; its reference documents each by name.
      return Optional.of("Temporal Java SDK metric " + name + ", see " + TEMPORAL_SDK_METRICS);
    }
    return Optional.empty();
  }
}
