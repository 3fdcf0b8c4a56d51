package dev.settle.bench;

import dev.settle.bench.floor.FloorScenario;
import dev.settle.bench.load.Bounds;
import dev.settle.bench.load.Load;
import dev.settle.bench.load.LoadDriver;
import dev.settle.bench.load.Scenario;
import dev.settle.bench.load.Stats;
import dev.settle.bench.payment.PaymentScenarios;
import dev.settle.bench.report.BenchReport;
import dev.settle.bench.report.CellResult;
import dev.settle.bench.report.HistoryCost;
import dev.settle.bench.report.Machine;
import dev.settle.bench.stack.SettleProcesses;
import dev.settle.stackkit.StackTarget;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One benchmark run against a running stack: every scenario at every load, with each number of
 * worker processes; then the ambiguous scenario once; then the JVMs' peak memory.
 */
public final class Bench {
  private static final Logger log = LoggerFactory.getLogger(Bench.class);
  private static final String AMBIGUOUS = "ambiguous";

  /** Histories read per cell for the events and workflow tasks an operation costs. */
  private static final int HISTORY_SAMPLE = 20;

  private final BenchOptions options;
  private final StackTarget target;
  private final LoadDriver driver = new LoadDriver();
  private final List<CellResult> cells = new ArrayList<>();
  private WorkflowClient client;

  private Bench(BenchOptions options, StackTarget target) {
    this.options = options;
    this.target = target;
  }

  public static BenchReport run(BenchOptions options, StackTarget target) throws Exception {
    return new Bench(options, target).run();
  }

  private BenchReport run() throws Exception {
    Instant started = Instant.now();
    String loadBefore = Machine.loadAverage();
    String runId =
        DateTimeFormatter.ofPattern("MMdd-HHmmss").withZone(ZoneOffset.UTC).format(started);
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target.temporalAddress()).build());
    try (SettleProcesses processes = new SettleProcesses(target)) {
      client =
          WorkflowClient.newInstance(
              service, WorkflowClientOptions.newBuilder().setNamespace(target.namespace()).build());
      Map<String, Scenario> scenarios = new LinkedHashMap<>();
      FloorScenario floor =
          options.scenarios().contains("floor") ? new FloorScenario(client, runId) : null;
      try {
        if (floor != null) {
          scenarios.put(floor.name(), floor);
        }
        for (Scenario s :
            PaymentScenarios.create(
                target,
                client,
                options.apiKey(),
                options.clientId(),
                runId,
                options.faultLatency())) {
          if (options.scenarios().contains(s.name())) {
            scenarios.put(s.name(), s);
          }
        }
        measureAll(scenarios, processes);
        if (scenarios.containsKey(AMBIGUOUS)) {
          measureAmbiguous(scenarios.get(AMBIGUOUS), processes);
        }
        return new BenchReport(
            started,
            Duration.between(started, Instant.now()),
            Machine.current(),
            options.args(),
            settings(),
            loadBefore,
            Machine.loadAverage(),
            List.copyOf(cells),
            processes.peaks());
      } finally {
        if (floor != null) {
          floor.close();
        }
      }
    } finally {
      service.shutdown();
      service.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private void measureAll(Map<String, Scenario> scenarios, SettleProcesses processes)
      throws Exception {
    boolean firstPhase = true;
    for (int workers : options.workers()) {
      processes.scaleWorkersTo(workers);
      for (Load load : options.loads()) {
        for (Scenario scenario : scenarios.values()) {
          if (scenario.name().equals(AMBIGUOUS) || (!firstPhase && !scenario.usesSettleWorker())) {
            // The ambiguous scenario runs once, last; floor and no-durability do not touch the
            // worker processes, so one measurement of them per load is enough.
            continue;
          }
          measure(scenario, processes, load, options.cellBounds(), options.warmup());
        }
      }
      firstPhase = false;
    }
  }

  private void measureAmbiguous(Scenario ambiguous, SettleProcesses processes) throws Exception {
    Bounds bounds = new Bounds(options.ambiguousCount(), Duration.ofMinutes(3));
    measure(
        ambiguous, processes, Load.closed(options.ambiguousConcurrency()), bounds, Duration.ZERO);
  }

  private void measure(
      Scenario scenario, SettleProcesses processes, Load load, Bounds bounds, Duration warmup)
      throws Exception {
    int workers = processes.workers();
    scenario.beforeCell();
    try {
      if (!warmup.isZero()) {
        driver.run(scenario.operation(), load, new Bounds(Long.MAX_VALUE, warmup));
      }
      Map<String, Long> cpuBefore = processes.cpuMillis();
      Stats stats = driver.run(scenario.operation(), load, bounds);
      Map<String, Long> cpu = new LinkedHashMap<>();
      processes
          .cpuMillis()
          .forEach((part, ms) -> cpu.put(part, ms - cpuBefore.getOrDefault(part, 0L)));
      log.info(
          "{} workers={} {}: {} ok, {} errors, {} ops/s, p50 {} ms",
          scenario.name(),
          workers,
          load.label(),
          stats.ok(),
          stats.errors(),
          String.format("%.1f", stats.throughput()),
          stats.latency().p50());
      HistoryCost history =
          scenario.workflowIdPrefix() == null
              ? HistoryCost.NONE
              : HistoryCost.sample(client, scenario.workflowIdPrefix(), HISTORY_SAMPLE);
      cells.add(new CellResult(scenario.name(), workers, load, stats, cpu, history));
    } finally {
      scenario.afterCell();
    }
  }

  private String settings() {
    String bound =
        options.count().map(n -> "at most " + n + " operations or ").orElse("")
            + options.cellBounds().maxTime().toSeconds()
            + " s";
    return "each cell: "
        + bound
        + " measured after a "
        + options.warmup().toMillis() / 1000.0
        + " s warm-up at the same load; ambiguous: "
        + options.ambiguousCount()
        + " payments at concurrency "
        + options.ambiguousConcurrency()
        + " with COMMIT_THEN_TIMEOUT latencyMs="
        + options.faultLatency().toMillis();
  }
}
