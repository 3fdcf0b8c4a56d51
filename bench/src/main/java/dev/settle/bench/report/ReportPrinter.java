package dev.settle.bench.report;

import dev.settle.bench.load.Percentiles;
import dev.settle.bench.load.Stats;
import dev.settle.bench.payment.PaymentScenarios;
import dev.settle.bench.stack.MemoryPeak;
import dev.settle.bench.stack.SettleProcesses;
import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Prints a run as markdown: the table, the ratios against their targets, memory, errors. */
public final class ReportPrinter {
  /** Targets of issues 7 and 16, checked in the ratios table. */
  static final double GATEWAY_RAW_MIN = 0.95;

  static final double RAW_FLOOR_MIN = 0.7;

  static final double GATEWAY_P50_EXTRA_MAX_MS = 5;

  private final PrintStream out;

  public ReportPrinter(PrintStream out) {
    this.out = out;
  }

  public void print(BenchReport r) {
    Machine m = r.machine();
    out.printf("## Settle bench, %s%n%n", r.started());
    out.printf(
        Locale.ROOT,
        "- machine: %d cores (%s), %.1f GiB, %s, %s%n",
        m.cores(),
        m.cpu(),
        m.memoryGib(),
        m.os(),
        m.java());
    out.printf(
        "- load average (1/5/15 min) before: %s, after: %s%n", r.loadBefore(), r.loadAfter());
    out.printf("- arguments: `%s`%n", String.join(" ", r.args()));
    out.printf("- %s%n", r.settings());
    out.printf("- took %d s%n%n", r.took().toSeconds());
    printCells(r);
    printRatios(r);
    printHistoryCost(r);
    printFirstAnswer(r);
    printAmbiguous(r);
    printCpu(r);
    printPeaks(r);
    printErrors(r);
  }

  private void printCells(BenchReport r) {
    out.println("### Throughput and client-observed latency");
    out.println();
    out.println(
        "| workers | load | scenario | ok | errors | ops/s | p50 ms | p95 ms | p99 ms | max ms |");
    out.println("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|");
    for (CellResult c : r.cells()) {
      Stats s = c.stats();
      Percentiles p = s.latency();
      out.printf(
          Locale.ROOT,
          "| %d | %s | %s | %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
          c.workers(),
          c.load().label(),
          c.scenario(),
          s.ok(),
          s.errors(),
          s.throughput(),
          p.p50(),
          p.p95(),
          p.p99(),
          p.max());
    }
    out.println();
  }

  private void printRatios(BenchReport r) {
    out.println("### Ratios");
    out.println();
    out.println(
        "| workers | load | gateway/raw ops/s (target ≥ 0.95) | gateway − raw p50 ms (target ≤ 5) "
            + "| raw/floor ops/s (target ≥ 0.7) | no-durability/gateway ops/s (durability tax) |");
    out.println("|---:|---|---:|---:|---:|---:|");
    for (String[] row : workerLoads(r)) {
      int workers = Integer.parseInt(row[0]);
      String load = row[1];
      Optional<Stats> gateway = stats(r, "gateway", workers, load);
      Optional<Stats> raw = stats(r, "raw", workers, load);
      Optional<Stats> floor = r.comparable("floor", workers, load).map(CellResult::stats);
      Optional<Stats> direct = r.comparable("no-durability", workers, load).map(CellResult::stats);
      if (gateway.isEmpty() && raw.isEmpty()) {
        continue;
      }
      out.printf(
          "| %d | %s | %s | %s | %s | %s |%n",
          workers,
          load,
          ratio(gateway, raw, GATEWAY_RAW_MIN, true),
          p50Difference(gateway, raw),
          ratio(raw, floor, RAW_FLOOR_MIN, true),
          ratio(direct, gateway, Double.NaN, true));
    }
    out.println();
  }

  /**
   * What an operation costs Temporal (from a sample of its histories), and for the gateway the
   * share of operations its POST answered 201 within the decision budget (the rest answered 202 and
   * completed after it).
   */
  private void printHistoryCost(BenchReport r) {
    out.println("### History per operation");
    out.println();
    out.println(
        "| workers | load | scenario | events | workflow tasks | failed workflow tasks |"
            + " histories read | answered 201 |");
    out.println("|---:|---|---|---:|---:|---:|---:|---:|");
    for (CellResult c : r.cells()) {
      HistoryCost h = c.history();
      if (h.sampled() == 0) {
        continue;
      }
      long answered201 = c.stats().metric(PaymentScenarios.ANSWERED_201).count();
      String share =
          c.scenario().equals("gateway") && c.stats().ok() > 0
              ? String.format(Locale.ROOT, "%.0f %%", 100.0 * answered201 / c.stats().ok())
              : "–";
      out.printf(
          Locale.ROOT,
          "| %d | %s | %s | %.1f | %.2f | %.2f | %d | %s |%n",
          c.workers(),
          c.load().label(),
          c.scenario(),
          h.events(),
          h.workflowTasks(),
          h.failedWorkflowTasks(),
          h.sampled(),
          share);
    }
    out.println();
  }

  private void printFirstAnswer(BenchReport r) {
    boolean any = r.cells().stream().anyMatch(c -> c.scenario().equals("first-answer"));
    if (!any) {
      return;
    }
    out.println("### First answer vs completion (happy path, through the gateway)");
    out.println();
    out.println(
        "| workers | load | first answer p50 / p99 ms | completion p50 / p99 ms | first/completion"
            + " p50 |");
    out.println("|---:|---|---:|---:|---:|");
    for (CellResult c : r.cells()) {
      if (c.scenario().equals("first-answer")) {
        firstAnswerRow(c);
      }
    }
    out.println();
  }

  private void firstAnswerRow(CellResult c) {
    Percentiles first = c.stats().metric(PaymentScenarios.FIRST_ANSWER);
    Percentiles done = c.stats().latency();
    out.printf(
        Locale.ROOT,
        "| %d | %s | %.1f / %.1f | %.1f / %.1f | %.2f |%n",
        c.workers(),
        c.load().label(),
        first.p50(),
        first.p99(),
        done.p50(),
        done.p99(),
        first.p50() / done.p50());
  }

  private void printAmbiguous(BenchReport r) {
    for (CellResult c : r.cells()) {
      if (!c.scenario().equals("ambiguous")) {
        continue;
      }
      Percentiles first = c.stats().metric(PaymentScenarios.FIRST_ANSWER);
      Percentiles done = c.stats().latency();
      Percentiles reconcile = c.stats().metric(PaymentScenarios.UNKNOWN_TO_CONFIRMED);
      out.println(
          "### Ambiguous: COMMIT_THEN_TIMEOUT on every upstream call, default reconciliation");
      out.println();
      out.println(
          "| workers | load | ok | errors | first answer p50 ms | completion p50 ms |"
              + " first/completion | UNKNOWN→CONFIRMED p50 / p95 / max ms |");
      out.println("|---:|---|---:|---:|---:|---:|---:|---:|");
      out.printf(
          Locale.ROOT,
          "| %d | %s | %d | %d | %.0f | %.0f | %.2f | %.0f / %.0f / %.0f |%n%n",
          c.workers(),
          c.load().label(),
          c.stats().ok(),
          c.stats().errors(),
          first.p50(),
          done.p50(),
          first.p50() / done.p50(),
          reconcile.p50(),
          reconcile.p95(),
          reconcile.max());
    }
  }

  /**
   * Where the CPU went, per completed operation and process. On a machine whose cores are all busy,
   * throughput is about cores × 1000 / (total CPU ms per operation), whatever the tuning.
   */
  private void printCpu(BenchReport r) {
    out.println("### CPU per completed operation (ms), by process");
    out.println();
    out.println(
        "| workers | load | scenario | "
            + String.join(" | ", SettleProcesses.CPU_PARTS)
            + " | total | CPU-bound ceiling ops/s |");
    out.println("|---:|---|---|" + "---:|".repeat(SettleProcesses.CPU_PARTS.size() + 2));
    for (CellResult c : r.cells()) {
      StringBuilder row = new StringBuilder();
      double total = 0;
      for (String part : SettleProcesses.CPU_PARTS) {
        double ms = c.cpuPerOp(part);
        total += ms;
        row.append(String.format(Locale.ROOT, " %.1f |", ms));
      }
      out.printf(
          Locale.ROOT,
          "| %d | %s | %s |%s %.1f | %.0f |%n",
          c.workers(),
          c.load().label(),
          c.scenario(),
          row,
          total,
          r.machine().cores() * 1000 / total);
    }
    out.println();
  }

  private void printPeaks(BenchReport r) {
    out.println("### Peak resident memory (VmHWM) at the end of the run");
    out.println();
    out.println("| process | pid | peak RSS MiB | alive |");
    out.println("|---|---:|---:|---|");
    for (MemoryPeak p : r.peaks()) {
      out.printf(
          Locale.ROOT,
          "| %s | %d | %.0f | %s |%n",
          p.process(),
          p.pid(),
          p.peakRssMib(),
          p.alive());
    }
    out.println();
  }

  private void printErrors(BenchReport r) {
    boolean header = false;
    for (CellResult c : r.cells()) {
      if (c.stats().errors() == 0) {
        continue;
      }
      if (!header) {
        out.println("### Errors");
        out.println();
        header = true;
      }
      c.stats()
          .errorKinds()
          .forEach(
              (kind, n) ->
                  out.printf(
                      "- %s, workers=%d, %s: %d × %s%n",
                      c.scenario(), c.workers(), c.load().label(), n, kind));
    }
    if (header) {
      out.println();
    }
  }

  private static Set<String[]> workerLoads(BenchReport r) {
    Set<String> seen = new LinkedHashSet<>();
    Set<String[]> rows = new LinkedHashSet<>();
    for (CellResult c : r.cells()) {
      if (seen.add(c.workers() + " " + c.load().label())) {
        rows.add(new String[] {Integer.toString(c.workers()), c.load().label()});
      }
    }
    return rows;
  }

  private static Optional<Stats> stats(BenchReport r, String scenario, int workers, String load) {
    return r.cell(scenario, workers, load).map(CellResult::stats);
  }

  private static String ratio(
      Optional<Stats> top, Optional<Stats> bottom, double min, boolean mark) {
    if (top.isEmpty() || bottom.isEmpty() || bottom.get().throughput() == 0) {
      return "–";
    }
    double ratio = top.get().throughput() / bottom.get().throughput();
    String verdict = Double.isNaN(min) || !mark ? "" : ratio >= min ? " ✓" : " ✗";
    return String.format(Locale.ROOT, "%.2f%s", ratio, verdict);
  }

  private static String p50Difference(Optional<Stats> gateway, Optional<Stats> raw) {
    if (gateway.isEmpty() || raw.isEmpty()) {
      return "–";
    }
    double diff = gateway.get().latency().p50() - raw.get().latency().p50();
    return String.format(
        Locale.ROOT, "%+.1f%s", diff, diff <= GATEWAY_P50_EXTRA_MAX_MS ? " ✓" : " ✗");
  }
}
