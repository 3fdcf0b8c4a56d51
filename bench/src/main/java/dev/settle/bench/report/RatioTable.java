package dev.settle.bench.report;

import dev.settle.bench.load.Stats;
import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The gateway, raw and floor scenarios against each other, per workers and load. */
final class RatioTable {
  /** Targets of issues 7 and 16, checked in the ratios table. */
  static final double GATEWAY_RAW_MIN = 0.95;

  static final double RAW_FLOOR_MIN = 0.7;

  static final double GATEWAY_P50_EXTRA_MAX_MS = 5;

  private RatioTable() {}

  static void print(PrintStream out, BenchReport r) {
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
          ratio(gateway, raw, GATEWAY_RAW_MIN),
          p50Difference(gateway, raw),
          ratio(raw, floor, RAW_FLOOR_MIN),
          ratio(direct, gateway, Double.NaN));
    }
    out.println();
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

  private static String ratio(Optional<Stats> top, Optional<Stats> bottom, double min) {
    if (top.isEmpty() || bottom.isEmpty() || bottom.get().throughput() == 0) {
      return "–";
    }
    double ratio = top.get().throughput() / bottom.get().throughput();
    String verdict = Double.isNaN(min) ? "" : ratio >= min ? " ✓" : " ✗";
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
