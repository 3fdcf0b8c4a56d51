package dev.settle.bench.report;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints a run as markdown: the machine and arguments, the latency, ratio and cost tables, errors.
 */
public final class ReportPrinter {
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
    LatencyTables.throughput(out, r);
    RatioTable.print(out, r);
    CostTables.history(out, r);
    LatencyTables.firstAnswer(out, r);
    LatencyTables.ambiguous(out, r);
    CostTables.cpu(out, r);
    CostTables.peaks(out, r);
    printErrors(r);
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
}
