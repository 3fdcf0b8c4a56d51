package dev.settle.bench;

/** Names the bench puts on the stack, in one place. */
public final class BenchNames {
  private BenchNames() {}

  /** The floor's no-op workflow runs here, served by a worker inside the bench JVM. */
  public static final String FLOOR_TASK_QUEUE = "settle-bench-floor";

  /** Every idempotency key and workflow ID the bench makes starts with this, then the run's ID. */
  public static final String KEY_PREFIX = "bench-";
}
