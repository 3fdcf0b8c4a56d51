package dev.settle.activities.worker;

import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts and stops polling in place of the Spring Boot starter (spring.temporal.start-workers is
 * off). The starter calls {@link WorkerFactory#start()} once when the app is ready, and that call
 * fails the whole app when Temporal is not reachable yet; here the start is retried with a doubling
 * backoff while the app stays up and not ready. On shutdown polling stops first, then the tasks
 * already taken get {@code drainTimeout} to finish, so a rolling restart does not leave activities
 * to time out and run again.
 */
@Component
class PollingLifecycle implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(PollingLifecycle.class);

  private final WorkerFactory factory;
  private final NamespaceProbe probe;
  private final WorkerLifecycleProperties properties;
  private volatile boolean running;
  private volatile Thread starter;

  PollingLifecycle(
      WorkerFactory factory, NamespaceProbe probe, WorkerLifecycleProperties properties) {
    this.factory = factory;
    this.probe = probe;
    this.properties = properties;
  }

  @Override
  public void start() {
    running = true;
    Thread thread = new Thread(this::startWhenReachable, "temporal-worker-start");
    thread.setDaemon(true);
    starter = thread;
    thread.start();
  }

  /** True once the workers poll; readiness reports it. */
  boolean polling() {
    return factory.isStarted() && !factory.isShutdown();
  }

  private void startWhenReachable() {
    Duration backoff = properties.startupInitialBackoff();
    while (running) {
      try {
        probe.check();
        synchronized (this) {
          if (running) {
            factory.start();
            log.info("Polling namespace {}", probe.namespace());
          }
        }
        return;
      } catch (RuntimeException unreachable) {
        log.warn(
            "Temporal namespace {} not reachable ({}); retrying in {}",
            probe.namespace(),
            unreachable.getMessage(),
            backoff);
      }
      try {
        Thread.sleep(backoff.toMillis());
      } catch (InterruptedException stopping) {
        Thread.currentThread().interrupt();
        return;
      }
      backoff = min(backoff.multipliedBy(2), properties.startupMaxBackoff());
    }
  }

  @Override
  public void stop() {
    synchronized (this) {
      running = false;
    }
    Thread thread = starter;
    if (thread != null) {
      thread.interrupt();
    }
    if (!factory.isStarted() || factory.isTerminated()) {
      return;
    }
    Duration drain = properties.drainTimeout();
    log.info("Stopping polling; waiting up to {} for tasks in flight", drain);
    factory.shutdown();
    factory.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS);
    if (!factory.isTerminated()) {
      log.warn("Tasks still running after {}; interrupting them (Temporal retries them)", drain);
      factory.shutdownNow();
      factory.awaitTermination(5, TimeUnit.SECONDS);
    }
    log.info("Worker drained");
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops before the web server, so health answers "not ready" while the tasks drain. */
  @Override
  public int getPhase() {
    return DEFAULT_PHASE;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
