package dev.settle.bench.load;

import java.time.Duration;

/**
 * When a measured cell stops: after {@code maxOps} operations were started or after {@code
 * maxTime}, whichever comes first. Time is always bounded, so a hung stack cannot hang the bench.
 */
public record Bounds(long maxOps, Duration maxTime) {
  public Bounds {
    if (maxOps < 1) {
      throw new IllegalArgumentException("maxOps must be at least 1, was " + maxOps);
    }
    if (maxTime == null || maxTime.isNegative() || maxTime.isZero()) {
      throw new IllegalArgumentException("maxTime must be positive, was " + maxTime);
    }
  }
}
