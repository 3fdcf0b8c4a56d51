package dev.settle.stackkit;

import java.util.Collection;
import java.util.List;

/**
 * A distribution of durations in milliseconds: how many, the median, the tail and the largest. NaN
 * percentiles when there were none.
 */
public record Percentiles(long count, double p50, double p95, double p99, double max) {
  public static final Percentiles NONE =
      new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  /**
   * Nearest-rank percentiles of the values: each the smallest value with at least p % of the values
   * at or below it, so every one is a value that was measured.
   */
  public static Percentiles nearestRank(Collection<Long> millis) {
    if (millis.isEmpty()) {
      return NONE;
    }
    List<Long> sorted = millis.stream().sorted().toList();
    return new Percentiles(
        sorted.size(),
        rank(sorted, 50),
        rank(sorted, 95),
        rank(sorted, 99),
        sorted.get(sorted.size() - 1));
  }

  private static double rank(List<Long> sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }
}
