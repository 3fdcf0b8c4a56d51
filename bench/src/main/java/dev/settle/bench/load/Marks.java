package dev.settle.bench.load;

import java.time.Duration;

/**
 * Extra timings of one operation besides its total latency, such as "first answer". They count from
 * the same start as the total (the intended start in an open loop), so they compare directly.
 */
public final class Marks {
  private final long startNanos;
  private final Metrics metrics;

  Marks(long startNanos, Metrics metrics) {
    this.startNanos = startNanos;
    this.metrics = metrics;
  }

  /** Records the time from the operation's start until now under {@code metric}. */
  public void sinceStart(String metric) {
    metrics.record(metric, System.nanoTime() - startNanos);
  }

  /** Records a duration measured elsewhere (e.g. between two server timestamps). */
  public void record(String metric, Duration duration) {
    metrics.record(metric, duration.toNanos());
  }
}
