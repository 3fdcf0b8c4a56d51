package dev.settle.bench.load;

/**
 * How hard a cell pushes: a closed loop of {@code concurrency} callers that each start the next
 * operation when the previous one ends, or an open loop that starts {@code rate} operations per
 * second whatever the latency (with at most {@code concurrency} in flight).
 */
public record Load(boolean open, int concurrency, double rate) {
  public static Load closed(int concurrency) {
    return new Load(false, concurrency, 0);
  }

  public static Load open(double rate, int maxInFlight) {
    return new Load(true, maxInFlight, rate);
  }

  public String label() {
    return open ? String.format("%.0f/s", rate) : "c=" + concurrency;
  }
}
