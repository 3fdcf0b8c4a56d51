package dev.settle.activities.upstream;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter for calls that definitely did not execute. Temporal's own retry
 * intervals have no jitter, so the activity hands Temporal this delay with each retryable failure:
 * many payments failing together then do not come back in lockstep.
 */
public final class RetryDelays {
  private RetryDelays() {}

  /** Delay before retry number {@code attempt} (1-based), uniformly jittered in [50 %, 100 %]. */
  public static Duration jittered(int attempt, Duration initial, Duration max) {
    long base = initial.toMillis();
    long cap = max.toMillis();
    int shift = Math.max(0, Math.min(attempt - 1, 30));
    long full = Math.min(cap, base << shift);
    if (full <= 0) {
      full = cap;
    }
    long jittered = full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1);
    return Duration.ofMillis(jittered);
  }

  /**
   * {@code delay}, but not before {@code floor} has passed (a refusal known to last that long),
   * plus up to half of it again so that the calls an open breaker refused together do not all come
   * back the moment it half-opens.
   */
  public static Duration notBefore(Duration floor, Duration delay) {
    if (floor.isZero() || floor.isNegative()) {
      return delay;
    }
    long millis = floor.toMillis();
    Duration spread =
        Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    return spread.compareTo(delay) > 0 ? spread : delay;
  }
}
