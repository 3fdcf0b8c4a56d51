package dev.settle.bench.report;

import dev.settle.bench.payment.PaymentScenarios;
import dev.settle.bench.stack.MemoryPeak;
import dev.settle.bench.stack.SettleProcesses;
import java.io.PrintStream;
import java.util.Locale;

/** What an operation costs: Temporal history, CPU by process, and each process's peak memory. */
final class CostTables {
  private CostTables() {}

  /**
   * What an operation costs Temporal (from a sample of its histories), and for the gateway the
   * share of operations its POST answered 201 within the decision budget (the rest answered 202 and
   * completed after it).
   */
  static void history(PrintStream out, BenchReport r) {
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

  /**
   * Where the CPU went, per completed operation and process. On a machine whose cores are all busy,
   * throughput is about cores × 1000 / (total CPU ms per operation), whatever the tuning.
   */
  static void cpu(PrintStream out, BenchReport r) {
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

  static void peaks(PrintStream out, BenchReport r) {
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
}
