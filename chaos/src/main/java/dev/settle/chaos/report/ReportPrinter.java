package dev.settle.chaos.report;

import dev.settle.chaos.check.Violation;
import dev.settle.chaos.run.ProcessFaultRecord;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** Prints a report as plain text, the form docs/reliability.md records. */
public final class ReportPrinter {
  private final PrintStream out;

  public ReportPrinter(PrintStream out) {
    this.out = out;
  }

  public void print(ChaosReport r) {
    out.printf(
        Locale.ROOT, "chaos run %s  seed %d  started %s%n", r.runId(), r.seed(), r.startedAt());
    out.printf(
        Locale.ROOT,
        "operations: %d (payments %d, orders %d), sent in %s, settled %s later%n",
        r.operations(),
        r.payments(),
        r.orders(),
        human(r.sending()),
        human(r.settling()));
    out.printf(
        Locale.ROOT,
        "requests: %d (%d concurrent copies of the operations, %d retries, %d mismatched payloads)%n",
        r.requests(),
        r.copies(),
        r.requests() - r.copies() - r.mismatchesSent(),
        r.mismatchesSent());
    out.printf(Locale.ROOT, "answers: %s%n", join(r.answers()));
    out.printf(
        Locale.ROOT,
        "mismatched payloads: %d sent, %d answered 422%n",
        r.mismatchesSent(),
        r.mismatches422());
    out.println("faults injected (firings at upstream-sim, % of operations):");
    for (Map.Entry<String, Long> fault : r.faultsFired().entrySet()) {
      out.printf(
          Locale.ROOT,
          "  %-22s %6d  %5.1f%%%n",
          fault.getKey(),
          fault.getValue(),
          r.faultShare(fault.getKey()));
    }
    out.printf(Locale.ROOT, "process faults: %d%n", r.processFaults().size());
    for (ProcessFaultRecord p : r.processFaults()) {
      out.printf(
          Locale.ROOT,
          "  %-17s at operation %-6d down %6d ms  %s%n",
          p.kind(),
          p.atOperation(),
          p.downMillis(),
          p.ok() ? "ok" : "FAILED: " + p.error());
    }
    out.println("outcomes:");
    r.outcomes().forEach((outcome, n) -> out.printf(Locale.ROOT, "  %-50s %6d%n", outcome, n));
    out.printf(
        Locale.ROOT,
        "reconciled: %d (went UNKNOWN, then decided); time to reconcile p50 %.0f ms, p99 %.0f ms%n",
        r.reconciled(),
        r.timeToReconcile().p50(),
        r.timeToReconcile().p99());
    out.printf(Locale.ROOT, "violations: %d%n", r.violations().size());
    for (Violation v : r.violations()) {
      out.println("  " + v);
    }
  }

  private static String join(Map<String, Long> counts) {
    StringBuilder s = new StringBuilder();
    counts.forEach(
        (k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(": ").append(v));
    return s.toString();
  }

  private static String human(java.time.Duration d) {
    long s = d.toSeconds();
    return s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
  }
}
