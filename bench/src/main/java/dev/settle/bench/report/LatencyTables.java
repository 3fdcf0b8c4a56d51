package dev.settle.bench.report;

import dev.settle.bench.load.Stats;
import dev.settle.bench.payment.PaymentScenarios;
import dev.settle.stackkit.Percentiles;
import java.io.PrintStream;
import java.util.Locale;

/** The latency tables: every cell's, then the first answer and the ambiguous scenario's. */
final class LatencyTables {
  private LatencyTables() {}

  static void throughput(PrintStream out, BenchReport r) {
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

  static void firstAnswer(PrintStream out, BenchReport r) {
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
        firstAnswerRow(out, c);
      }
    }
    out.println();
  }

  private static void firstAnswerRow(PrintStream out, CellResult c) {
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

  static void ambiguous(PrintStream out, BenchReport r) {
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
}
