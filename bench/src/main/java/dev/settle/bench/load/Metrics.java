package dev.settle.bench.load;

import dev.settle.stackkit.Percentiles;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Thread-safe latency histograms (microseconds) and error counts of one measured cell. */
final class Metrics {
  static final String LATENCY = "latency";

  /** Error kinds kept verbatim; the rest are lumped together so a storm of errors stays small. */
  private static final int MAX_ERROR_KINDS = 10;

  /** Ten minutes: longer than any operation is allowed to take. */
  private static final long HIGHEST_MICROS = 600_000_000L;

  private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();

  void record(String metric, long nanos) {
    histograms
        .computeIfAbsent(metric, k -> new ConcurrentHistogram(HIGHEST_MICROS, 3))
        .recordValue(Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1_000)));
  }

  void success(long latencyNanos) {
    ok.incrementAndGet();
    record(LATENCY, latencyNanos);
  }

  void error(Throwable failure) {
    errors.incrementAndGet();
    String kind = describe(failure);
    if (!errorKinds.containsKey(kind) && errorKinds.size() >= MAX_ERROR_KINDS) {
      kind = "(other)";
    }
    errorKinds.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
  }

  long ok() {
    return ok.get();
  }

  Stats stats(double seconds) {
    Map<String, Percentiles> percentiles = new LinkedHashMap<>();
    histograms.forEach((name, h) -> percentiles.put(name, percentiles(h)));
    Map<String, Long> kinds = new LinkedHashMap<>();
    errorKinds.forEach((kind, count) -> kinds.put(kind, count.get()));
    return new Stats(ok.get(), errors.get(), kinds, seconds, percentiles);
  }

  /** The histogram's distribution, in milliseconds. */
  private static Percentiles percentiles(Histogram micros) {
    return new Percentiles(
        micros.getTotalCount(),
        micros.getValueAtPercentile(50) / 1_000.0,
        micros.getValueAtPercentile(95) / 1_000.0,
        micros.getValueAtPercentile(99) / 1_000.0,
        micros.getMaxValue() / 1_000.0);
  }

  private static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
      root = root.getCause();
    }
    String message = root.getClass().getSimpleName() + ": " + root.getMessage();
    return message.length() > 160 ? message.substring(0, 160) + "…" : message;
  }
}
