package dev.settle.telemetry;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * Makes the scrape something {@code promtool check metrics} accepts without a warning, and keeps
 * Settle's own series to the labels that mean something for them:
 *
 * <ul>
 *   <li>Settle's meters emitted from workflow code go through Temporal's metrics scope, which tags
 *       everything with its scope tags ({@code namespace}, {@code task_queue}, {@code
 *       workflow_type}, and {@code activity_type="none"}, {@code query_type="none"} and so on).
 *       Those are dropped from every {@code settle.*} meter, which keeps only its own tags (and
 *       matches the series the apps register at 0 when they start).
 *   <li>Every meter gets help text: {@link MeterHelp} for the libraries' meters that have none.
 *   <li>Names promtool's lint refuses are renamed (the value is unchanged) or, where the unit is in
 *       the name, not exported.
 * </ul>
 */
public final class PrometheusShape implements MeterFilter {
  /**
   * Every tag key Temporal's metrics scope may add: the constants of the SDK's {@code
   * io.temporal.serviceclient.MetricsTag} (1.38), spelled out so that this module needs no Temporal
   * jar.
   */
  static final Set<String> TEMPORAL_SCOPE_TAGS =
      Set.of(
          "namespace",
          "task_queue",
          "worker_type",
          "activity_type",
          "workflow_type",
          "nexus_service",
          "nexus_operation",
          "signal_name",
          "query_type",
          "update_name",
          "status_code",
          "exception",
          "operation",
          "failure_reason",
          "poller_type");

  /**
   * Exported as {@code jvm_compilation_time_ms_total} and {@code process_cpu_time_ns_total}: the
   * unit is in the name ("abbreviated units"). {@code process_cpu_usage} stays.
   */
  static final List<String> NOT_EXPORTED = List.of("jvm.compilation.time", "process.cpu.time");

  /** A gauge must not end in {@code _count}, which Prometheus reserves for histograms. */
  static final Map<String, String> RENAMED =
      Map.of(
          "system.cpu.count", "system.cpus",
          "temporal_workflow_active_thread_count", "temporal_workflow_active_threads");

  @Override
  public MeterFilterReply accept(Meter.Id id) {
    return NOT_EXPORTED.contains(id.getName()) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
  }

  @Override
  public Meter.Id map(Meter.Id id) {
    String name = RENAMED.getOrDefault(id.getName(), id.getName());
    Tags tags = Tags.of(id.getTagsAsIterable());
    if (name.startsWith("settle")) {
      tags =
          Tags.of(
              StreamSupport.stream(id.getTagsAsIterable().spliterator(), false)
                  .filter(tag -> !TEMPORAL_SCOPE_TAGS.contains(tag.getKey()))
                  .toArray(Tag[]::new));
    }
    String description =
        id.getDescription() != null ? id.getDescription() : MeterHelp.of(name).orElse(null);
    return new Meter.Id(name, tags, id.getBaseUnit(), description, id.getType());
  }
}
