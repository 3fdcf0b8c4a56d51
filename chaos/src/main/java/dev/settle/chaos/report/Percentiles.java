package dev.settle.chaos.report;

import java.util.List;

/** Nearest-rank percentiles: the smallest value with at least p % of the values at or below it. */
public final class Percentiles {
  private Percentiles() {}

  /**
   * @return the p-th percentile (0 < p ≤ 100) of the values, or -1 when there are none
   */
  public static long of(List<Long> values, double p) {
    if (values.isEmpty()) {
      return -1;
    }
    List<Long> sorted = values.stream().sorted().toList();
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }
}
