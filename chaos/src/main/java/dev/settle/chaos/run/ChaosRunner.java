package dev.settle.chaos.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.settle.chaos.schedule.FaultBatch;
import dev.settle.chaos.schedule.PlannedOperation;
import dev.settle.chaos.schedule.ProcessFault;
import dev.settle.chaos.schedule.Schedule;
import dev.settle.chaos.schedule.StatusWindow;
import dev.settle.stackkit.StackTarget;
import dev.settle.stackkit.http.GatewayClient;
import dev.settle.stackkit.http.Http;
import dev.settle.stackkit.http.UpstreamAdmin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a schedule against a stack: operations from {@code concurrency} clients at a time, the
 * fault rules and status windows at their operation index, the process faults in the background;
 * then clears the faults and waits for every operation to settle.
 */
public final class ChaosRunner {
  private static final Logger log = LoggerFactory.getLogger(ChaosRunner.class);

  /** What the runner hands to the checker: the log, and the last view of every operation. */
  public record Result(RunLog log, Map<String, JsonNode> views) {}

  /**
   * A killed worker leaves attempts that reached the upstream unanswered. The upstream then stays
   * down (every mutating call 503, so the breaker opens too) until this long after the worker is
   * back: long enough for the lost attempts to time out, be retried and run out of attempts against
   * refusals only. Each must still end as the upstream saw it, never FAILED with the money moved.
   */
  static final Duration OUTAGE_AFTER_WORKER_BACK = Duration.ofSeconds(30);

  /** Short: a part that is down refuses at once; one that is overloaded answers within seconds. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  /** Longer than the gateway's decision budget plus its Temporal grace (2 s + 5 s). */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final StackTarget stack;
  private final int concurrency;
  private final Duration settleWithin;

  public ChaosRunner(StackTarget stack, int concurrency, Duration settleWithin) {
    this.stack = stack;
    this.concurrency = concurrency;
    this.settleWithin = settleWithin;
  }

  public Result run(Schedule schedule) throws InterruptedException {
    Http http = new Http(CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    GatewayClient gateway = GatewayClient.demo(http, stack.gatewayUrl());
    UpstreamAdmin upstream = new UpstreamAdmin(http, stack.upstreamUrl());
    upstream.clearFaults();
    schedule.initialStock().forEach(upstream::setStock);

    Queue<RequestRecord> requests = new ConcurrentLinkedQueue<>();
    ExecutorService clients = Executors.newFixedThreadPool(concurrency, daemon("chaos-client"));
    ExecutorService copies = Executors.newCachedThreadPool(daemon("chaos-request"));
    OperationDriver driver = new OperationDriver(gateway, copies, requests);
    Semaphore slots = new Semaphore(concurrency);
    AtomicInteger failedDrivers = new AtomicInteger();
    long started = System.currentTimeMillis();
    Map<String, Long> fired;
    List<ProcessFaultRecord> processFaults;
    try (FaultInjector faults = new FaultInjector(upstream);
        ProcessFaulter processes =
            new ProcessFaulter(
                stack,
                fault -> {
                  if (fault.kind() == ProcessFault.Kind.WORKER_KILL) {
                    faults.startOutage();
                  }
                },
                fault -> {
                  if (fault.kind() == ProcessFault.Kind.WORKER_KILL) {
                    faults.endOutageIn(OUTAGE_AFTER_WORKER_BACK.toMillis());
                  }
                })) {
      List<PlannedOperation> ops = schedule.operations();
      int progressStep = Math.max(1, ops.size() / 20);
      for (PlannedOperation op : ops) {
        int i = op.index();
        for (ProcessFault fault : schedule.processFaults()) {
          if (fault.atOperation() == i) {
            processes.submit(fault);
          }
        }
        for (FaultBatch batch : schedule.faultBatches()) {
          if (batch.atOperation() == i) {
            faults.install(batch.rules());
          }
        }
        for (StatusWindow window : schedule.statusWindows()) {
          if (window.atOperation() == i) {
            faults.open(window);
          }
        }
        slots.acquire();
        clients.submit(
            () -> {
              try {
                driver.run(op);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (RuntimeException e) {
                failedDrivers.incrementAndGet();
                log.error("client of {} failed: {}", op.key(), e.toString());
              } finally {
                slots.release();
              }
            });
        if (i % progressStep == 0) {
          log.info("operation {}/{} sent, {} requests so far", i, ops.size(), requests.size());
        }
      }
      slots.acquire(concurrency); // every client done
      processFaults = processes.awaitAll();
      fired = faults.clearAll();
    } finally {
      clients.shutdownNow();
      copies.shutdownNow();
    }
    long dispatched = System.currentTimeMillis();
    log.info(
        "all {} operations sent ({} requests); waiting for them to settle",
        schedule.operations().size(),
        requests.size());
    List<String> keys = schedule.operations().stream().map(PlannedOperation::key).toList();
    Map<String, JsonNode> views =
        new Settler(gateway, Math.min(8, concurrency)).settle(keys, settleWithin);
    long settled = System.currentTimeMillis();
    if (failedDrivers.get() > 0) {
      log.error("{} client(s) failed", failedDrivers.get());
    }
    RunLog runLog =
        new RunLog(
            schedule,
            started,
            dispatched,
            settled,
            new ArrayList<>(requests),
            fired,
            processFaults,
            settled - dispatched);
    return new Result(runLog, views);
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread thread = new Thread(r, name + "-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
