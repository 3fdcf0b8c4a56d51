package dev.settle.workflows.callback;

import java.time.Duration;

/**
 * How callbacks are retried. Read from the worker's configuration through a local activity when
 * delivery starts, so it is recorded in history and replays deterministically.
 *
 * @param initialBackoff wait after the first failed attempt
 * @param maxBackoff cap of the exponential wait between attempts
 * @param horizon after this long without a 2xx the delivery is FAILED (visible, not dropped)
 * @param redeliveryWindow how long a FAILED delivery keeps the workflow open for an operator's
 *     redeliver signal before it closes
 */
public record CallbackPolicy(
    Duration initialBackoff, Duration maxBackoff, Duration horizon, Duration redeliveryWindow) {

  /** Exponential backoff after the n-th failed attempt (1-based), capped. */
  public Duration backoff(int failedAttempts) {
    long initial = initialBackoff.toMillis();
    long delay = initial << Math.min(Math.max(failedAttempts - 1, 0), 30);
    if (delay <= 0 || delay > maxBackoff.toMillis()) {
      delay = maxBackoff.toMillis();
    }
    return Duration.ofMillis(delay);
  }
}
