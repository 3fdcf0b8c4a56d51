package dev.settle.bench.load;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one operation under a closed- or open-loop load, bounded in count and time. */
public final class LoadDriver {
  private static final Logger log = LoggerFactory.getLogger(LoadDriver.class);

  /** How long in-flight operations may take to finish after the time bound before they are cut. */
  private static final Duration DRAIN = Duration.ofSeconds(60);

  private final AtomicLong sequence = new AtomicLong();

  /** Runs {@code operation} until {@code bounds} and returns what it measured. */
  public Stats run(Operation operation, Load load, Bounds bounds) {
    return load.open() ? openLoop(operation, load, bounds) : closedLoop(operation, load, bounds);
  }

  private Stats closedLoop(Operation operation, Load load, Bounds bounds) {
    Metrics metrics = new Metrics();
    AtomicLong started = new AtomicLong();
    ExecutorService callers =
        Executors.newFixedThreadPool(load.concurrency(), daemons("bench-caller"));
    long begin = System.nanoTime();
    long deadline = begin + bounds.maxTime().toNanos();
    for (int i = 0; i < load.concurrency(); i++) {
      callers.execute(
          () -> {
            while (System.nanoTime() < deadline && started.getAndIncrement() < bounds.maxOps()) {
              runOne(operation, System.nanoTime(), metrics);
            }
          });
    }
    return finish(callers, begin, bounds, metrics);
  }

  /**
   * Starts operations on a fixed schedule. Latency counts from the intended start, so time spent
   * waiting for a free caller is part of it (no coordinated omission).
   */
  private Stats openLoop(Operation operation, Load load, Bounds bounds) {
    Metrics metrics = new Metrics();
    ExecutorService callers =
        Executors.newFixedThreadPool(load.concurrency(), daemons("bench-caller"));
    long interval = (long) (1_000_000_000L / load.rate());
    long begin = System.nanoTime();
    long deadline = begin + bounds.maxTime().toNanos();
    for (long i = 0; i < bounds.maxOps(); i++) {
      long intended = begin + i * interval;
      if (intended >= deadline) {
        break;
      }
      for (long wait = intended - System.nanoTime();
          wait > 0;
          wait = intended - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      callers.execute(() -> runOne(operation, intended, metrics));
    }
    return finish(callers, begin, bounds, metrics);
  }

  private void runOne(Operation operation, long startNanos, Metrics metrics) {
    long seq = sequence.incrementAndGet();
    try {
      operation.run(seq, new Marks(startNanos, metrics));
      metrics.success(System.nanoTime() - startNanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      metrics.error(e);
    } catch (Exception | AssertionError e) {
      metrics.error(e);
    }
  }

  private static Stats finish(ExecutorService callers, long begin, Bounds bounds, Metrics metrics) {
    callers.shutdown();
    try {
      long budget = bounds.maxTime().plus(DRAIN).toNanos() - (System.nanoTime() - begin);
      if (!callers.awaitTermination(Math.max(0, budget), TimeUnit.NANOSECONDS)) {
        log.warn("operations still running {} after the time bound; interrupting them", DRAIN);
        callers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      callers.shutdownNow();
    }
    return metrics.stats((System.nanoTime() - begin) / 1e9);
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
