package dev.settle.bench.stack;

import dev.settle.stackkit.StackTarget;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stack's JVMs the bench watches: the gateway and worker {@code bin/settle} started, plus the
 * extra workers the bench starts itself (and stops again on close).
 */
public final class SettleProcesses implements AutoCloseable {
  private static final Duration WORKER_START_TIMEOUT = Duration.ofSeconds(180);

  private final StackTarget target;
  private final List<ExtraWorker> extras = new ArrayList<>();

  public SettleProcesses(StackTarget target) {
    this.target = target;
  }

  /** Worker processes serving the task queue now. */
  public int workers() {
    return 1 + extras.size();
  }

  /** Starts extra workers until {@code count} serve the task queue; never stops any. */
  public void scaleWorkersTo(int count) throws IOException, InterruptedException {
    while (workers() < count) {
      long model =
          pid("worker")
              .orElseThrow(
                  () -> new IllegalStateException("no running worker in " + target.runDir()));
      extras.add(
          ExtraWorker.start(target, "worker-" + (workers() + 1), model, WORKER_START_TIMEOUT));
    }
  }

  /** Peak RSS of the gateway and of every worker, read now. */
  public List<MemoryPeak> peaks() {
    List<MemoryPeak> peaks = new ArrayList<>();
    for (String part : List.of("gateway", "worker")) {
      pid(part)
          .ifPresentOrElse(
              pid -> peaks.add(peakOf(part, pid, true)),
              () -> peaks.add(new MemoryPeak(part, -1, 0, false)));
    }
    for (ExtraWorker extra : extras) {
      peaks.add(peakOf(extra.name, extra.pid(), extra.alive()));
    }
    return peaks;
  }

  /** The stack's processes whose CPU time {@link #cpuMillis()} reports, in report order. */
  public static final List<String> CPU_PARTS =
      List.of("temporal", "postgres", "upstream", "worker", "gateway", "bench");

  /**
   * CPU time used so far by each part, in ms: every worker process counts as "worker", the bench
   * JVM itself (load generator and the floor's worker) as "bench". The difference of two readings
   * shows where the CPU of the operations between them went.
   */
  public Map<String, Long> cpuMillis() {
    Map<String, Long> cpu = new LinkedHashMap<>();
    for (String part : CPU_PARTS) {
      cpu.put(part, 0L);
    }
    for (String part : List.of("temporal", "postgres", "upstream", "worker", "gateway")) {
      pid(part).ifPresent(pid -> cpu.merge(part, ProcessInfo.cpuMillis(pid), Long::sum));
    }
    for (ExtraWorker extra : extras) {
      cpu.merge("worker", ProcessInfo.cpuMillis(extra.pid()), Long::sum);
    }
    cpu.put("bench", ProcessInfo.cpuMillis(ProcessHandle.current().pid()));
    return cpu;
  }

  private Optional<Long> pid(String part) {
    return ProcessInfo.partPid(target.runDir(), part);
  }

  private static MemoryPeak peakOf(String name, long pid, boolean alive) {
    return new MemoryPeak(name, pid, ProcessInfo.peakRssKib(pid).orElse(0), alive);
  }

  @Override
  public void close() {
    extras.forEach(ExtraWorker::close);
    extras.clear();
  }
}
