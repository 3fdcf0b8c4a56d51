package dev.settle.bench.load;

import org.HdrHistogram.Histogram;

/** A latency distribution in milliseconds. */
public record Percentiles(long count, double p50, double p95, double p99, double max) {

  static Percentiles of(Histogram micros) {
    return new Percentiles(
        micros.getTotalCount(),
        millis(micros.getValueAtPercentile(50)),
        millis(micros.getValueAtPercentile(95)),
        millis(micros.getValueAtPercentile(99)),
        millis(micros.getMaxValue()));
  }

  private static double millis(long micros) {
    return micros / 1_000.0;
  }
}
