package dev.settle.bench.load;

import dev.settle.stackkit.Percentiles;
import java.util.Map;

/**
 * What one measured cell produced.
 *
 * @param ok operations that completed as expected
 * @param errors operations that failed or answered something unexpected
 * @param errorKinds a count per kind of error, for the report
 * @param seconds wall time from the first start to the last completion
 * @param metrics {@code latency} (the whole operation) and any extra marks, by name
 */
public record Stats(
    long ok,
    long errors,
    Map<String, Long> errorKinds,
    double seconds,
    Map<String, Percentiles> metrics) {

  public double throughput() {
    return seconds <= 0 ? 0 : ok / seconds;
  }

  public Percentiles latency() {
    return metric(Metrics.LATENCY);
  }

  public Percentiles metric(String name) {
    return metrics.getOrDefault(name, Percentiles.NONE);
  }
}
