package dev.settle.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/prometheus/ checked by Prometheus's own tool (promtool, from Debian's prometheus package,
 * which {@code bin/settle test} installs): the config is valid, the rules parse, the unit tests of
 * the rules pass and cover every alert, and the Grafana dashboard's queries parse and use the
 * recorded series.
 */
class PrometheusFilesTest {
  static final Path PROMETHEUS = DeployFiles.DEPLOY.resolve("prometheus");
  static final Path RULES = PROMETHEUS.resolve("rules/settle.yml");
  static final Path RULE_TESTS = PROMETHEUS.resolve("tests/settle-test.yml");
  static final Path DASHBOARD = DeployFiles.DEPLOY.resolve("grafana/settle-dashboard.json");
  static final Pattern RECORDED = Pattern.compile("\\bsettle:[a-z0-9_:]+");
  static final Pattern RAW_SETTLE = Pattern.compile("\\bsettle_[a-z0-9_]+");

  record Result(int exit, String output) {}

  @Test
  void theConfigWithTargetsBesideItIsValidWithoutWarnings(@TempDir Path run) throws Exception {
    // What bin/settle does for SETTLE_PROMETHEUS=1: the config and rules/, targets/ written.
    Files.copy(PROMETHEUS.resolve("prometheus.yml"), run.resolve("prometheus.yml"));
    Files.createDirectories(run.resolve("rules"));
    Files.copy(RULES, run.resolve("rules/settle.yml"));
    Files.createDirectories(run.resolve("targets"));
    for (String job : List.of("gateway", "worker", "temporal")) {
      Files.writeString(
          run.resolve("targets/" + job + ".json"), "[{\"targets\": [\"127.0.0.1:1\"]}]");
    }

    Result check = promtool(run, "check", "config", "prometheus.yml");

    assertThat(check.exit()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS: 1 rule files found").doesNotContain("WARNING");
  }

  @Test
  void theRulesParse() throws Exception {
    Result check = promtool(PROMETHEUS, "check", "rules", "rules/settle.yml");

    assertThat(check.exit()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS").doesNotContain("WARNING");
  }

  @Test
  void theRulesUnitTestsPass() throws Exception {
    Result test = promtool(PROMETHEUS, "test", "rules", "tests/settle-test.yml");

    assertThat(test.exit()).as(test.output()).isZero();
    assertThat(test.output()).contains("SUCCESS");
  }

  @Test
  void everyAlertHasAUnitTestThatSeesItFireAndOneThatSeesItQuiet() {
    Set<String> alerts = new TreeSet<>();
    Set<String> recorded = new TreeSet<>();
    rules(alerts, recorded);
    Set<String> firing = new TreeSet<>();
    Set<String> quiet = new TreeSet<>();
    for (JsonNode group : DeployFiles.documents(RULE_TESTS).get(0).path("tests")) {
      for (JsonNode test : group.path("alert_rule_test")) {
        String name = test.path("alertname").asText();
        (test.path("exp_alerts").isEmpty() ? quiet : firing).add(name);
      }
    }

    assertThat(alerts).hasSizeGreaterThanOrEqualTo(7);
    assertThat(firing).as("alerts seen firing").containsAll(alerts);
    assertThat(quiet).as("alerts seen quiet").containsAll(alerts);
  }

  @Test
  void theDashboardsQueriesParseAndPlotTheRecordedSeries(@TempDir Path dir) throws Exception {
    Set<String> recorded = new TreeSet<>();
    rules(new TreeSet<>(), recorded);
    List<String> exprs = new ArrayList<>();
    DeployFiles.documents(DASHBOARD)
        .get(0)
        .path("panels")
        .forEach(panel -> panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
    // promtool parses PromQL in rule files: one rule per query.
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    Set<String> plotted = new TreeSet<>();
    Set<String> raw = new TreeSet<>();
    for (int i = 0; i < exprs.size(); i++) {
      String expr = exprs.get(i);
      rules.append("      - record: dashboard:query").append(i).append('\n');
      rules.append("        expr: '").append(expr.replace("'", "''")).append("'\n");
      collect(RECORDED, expr, plotted);
      collect(RAW_SETTLE, expr, raw);
    }
    Files.writeString(dir.resolve("dashboard.yml"), rules);

    Result check = promtool(dir, "check", "rules", "dashboard.yml");

    assertThat(check.exit()).as(check.output()).isZero();
    assertThat(exprs).hasSizeGreaterThanOrEqualTo(16);
    assertThat(recorded).containsAll(plotted);
    assertThat(plotted)
        .contains(
            "settle:upstream_call_seconds:p95_5m",
            "settle:upstream_calls_ambiguous:ratio_rate5m",
            "settle:operations_unknown:max",
            "settle:operations_unknown_oldest_age_seconds:max",
            "settle:breaker_open_seconds:increase5m",
            "settle:callbacks_backlog:max",
            "settle:orders_compensated:ratio_rate1h",
            "settle:evidence_discrepancies:increase1h");
    // Only a breakdown with no KPI behind it queries Settle's raw series.
    assertThat(raw).containsOnly("settle_compensations_total");
  }

  private static void rules(Set<String> alerts, Set<String> recorded) {
    for (JsonNode group : DeployFiles.documents(RULES).get(0).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        if (rule.has("alert")) {
          alerts.add(rule.path("alert").asText());
        } else {
          recorded.add(rule.path("record").asText());
        }
      }
    }
  }

  private static void collect(Pattern pattern, String text, Set<String> into) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      into.add(m.group());
    }
  }

  static Result promtool(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(promtoolBinary());
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("promtool " + String.join(" ", args) + " did not finish in 60 s");
    }
    return new Result(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  static String promtoolBinary() {
    return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
        .map(dir -> Path.of(dir, "promtool"))
        .filter(Files::isExecutable)
        .findFirst()
        .map(Path::toString)
        .orElseThrow(
            () ->
                new AssertionError(
                    "promtool not found on PATH: bin/settle install (Debian's prometheus) installs"
                        + " it"));
  }
}
