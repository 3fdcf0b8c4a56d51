package dev.settle.chaos.schedule;

/**
 * One upstream-sim fault rule the run installs ({@code POST /admin/faults}): it fires on up to
 * {@code count} calls, each time with {@code probability}, on every mutating endpoint or only on
 * {@code operation} (an effect kind such as {@code payment.charge}).
 */
public record FaultPlan(
    String mode, int count, double probability, long latencyMs, String operation) {

  public static final String COMMIT_THEN_TIMEOUT = "COMMIT_THEN_TIMEOUT";
  public static final String FAIL_BEFORE_COMMIT = "FAIL_BEFORE_COMMIT";
  public static final String COMMIT_THEN_RESET = "COMMIT_THEN_RESET";
  public static final String TIMEOUT_BEFORE_COMMIT = "TIMEOUT_BEFORE_COMMIT";
  public static final String LATENCY = "LATENCY";
  public static final String STATUS_UNAVAILABLE = "STATUS_UNAVAILABLE";

  /**
   * Not a mode of its own: the firings of the {@link #FAIL_BEFORE_COMMIT} rule that takes every
   * mutating call down while a killed worker is away and for a while after it is back.
   */
  public static final String OUTAGE = "OUTAGE";

  /** The rule as upstream-sim's admin API takes it. */
  public String json() {
    StringBuilder json = new StringBuilder("{\"mode\":\"").append(mode).append('"');
    json.append(",\"count\":").append(count);
    json.append(",\"probability\":").append(probability);
    if (latencyMs > 0) {
      json.append(",\"latencyMs\":").append(latencyMs);
    }
    if (operation != null) {
      json.append(",\"operation\":\"").append(operation).append('"');
    }
    return json.append('}').toString();
  }
}
