package dev.settle.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a real Prometheus lint says about a registry shaped by {@link PrometheusShape}. */
class PrometheusShapeTest {
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  PrometheusShapeTest() {
    registry.config().meterFilter(new PrometheusShape());
  }

  /** The tags Temporal's metrics scope puts on a meter emitted from workflow code (SDK 1.38). */
  static Map<String, String> workflowScope() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("namespace", "default");
    tags.put("task_queue", "settle-operations");
    tags.put("workflow_type", "PaymentWorkflow");
    for (String filler :
        List.of(
            "activity_type",
            "exception",
            "operation",
            "query_type",
            "signal_name",
            "status_code",
            "worker_type")) {
      tags.put(filler, "none");
    }
    return tags;
  }

  static List<io.micrometer.core.instrument.Tag> tags(Map<String, String> scope, String... own) {
    Map<String, String> all = new LinkedHashMap<>(scope);
    for (int i = 0; i < own.length; i += 2) {
      all.put(own[i], own[i + 1]);
    }
    return all.entrySet().stream()
        .map(e -> io.micrometer.core.instrument.Tag.of(e.getKey(), e.getValue()))
        .toList();
  }

  @Test
  void settleMetersFromWorkflowCodeKeepOnlyTheirOwnLabelsAndMeetTheOnesRegisteredAtZero() {
    Counter atStartup =
        Counter.builder("settle_operations_completed")
            .description("Operations that reached a final status")
            .tags("type", "PAYMENT", "status", "CONFIRMED")
            .register(registry);
    // What Temporal's reporter does when the workflow counts one.
    registry
        .counter(
            "settle_operations_completed",
            tags(workflowScope(), "type", "PAYMENT", "status", "CONFIRMED"))
        .increment();

    assertThat(atStartup.count()).isEqualTo(1.0);
    assertThat(registry.scrape())
        .contains("settle_operations_completed_total{status=\"CONFIRMED\",type=\"PAYMENT\"} 1.0")
        .doesNotContain("none");
  }

  @Test
  void theTemporalSdksOwnMetersKeepTheirTags() {
    registry.counter("temporal_request", tags(workflowScope(), "operation", "StartWorkflow"));

    assertThat(registry.scrape()).contains("temporal_request_total{", "namespace=\"default\"");
  }

  @Test
  void aScrapeOfTheLibrariesMetersPassesPromtoolWithoutAWarning() throws Exception {
    new JvmCompilationMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    Timer.builder("http.server.requests").tags("uri", "/v1/payments").register(registry);
    Timer.builder("tasks.scheduled.execution").register(registry);
    registry.counter("temporal_request", tags(workflowScope(), "operation", "StartWorkflow"));
    registry.gauge(
        "temporal_workflow_active_thread_count", tags(workflowScope()), new AtomicInteger());
    Timer.builder("settle_reconciliation")
        .description("Time from UNKNOWN to a final status")
        .tags(tags(workflowScope(), "type", "PAYMENT", "ended", "CONFIRMED"))
        .publishPercentileHistogram()
        .register(registry)
        .record(Duration.ofSeconds(3));

    String scrape = registry.scrape();

    assertThat(Promtool.checkMetrics(scrape)).isEmpty();
    assertThat(scrape)
        .contains("system_cpus ", "temporal_workflow_active_threads{", "process_cpu_usage ")
        .doesNotContain("jvm_compilation_time", "process_cpu_time", "system_cpu_count");
  }

  @Test
  void aMeterWithoutHelpTextIsWhatPromtoolReports() throws Exception {
    registry.counter("mystery.events");

    assertThat(Promtool.checkMetrics(registry.scrape()))
        .contains("mystery_events_total no help text");
  }
}
