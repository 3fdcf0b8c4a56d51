package dev.settle.chaos.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.settle.chaos.check.Facts;
import dev.settle.chaos.check.Violation;
import dev.settle.chaos.run.ProcessFaultRecord;
import dev.settle.chaos.run.RequestRecord;
import dev.settle.chaos.run.RunLog;
import dev.settle.chaos.schedule.PlannedOperation;
import dev.settle.stackkit.Percentiles;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The numbers of one run and its check.
 *
 * @param answers requests by what came back: the HTTP status (with the problem type of a 503), or
 *     {@code no answer (CONNECT|TIMEOUT|IO)}
 * @param outcomes final operations by {@code TYPE STATUS} (and failure code)
 * @param reconciled operations that went UNKNOWN and were then decided
 * @param timeToReconcile from UNKNOWN to decided
 */
public record ChaosReport(
    String runId,
    long seed,
    Instant startedAt,
    int operations,
    int payments,
    int orders,
    int copies,
    int requests,
    Map<String, Long> answers,
    int mismatchesSent,
    int mismatches422,
    Map<String, Long> faultsFired,
    List<ProcessFaultRecord> processFaults,
    Map<String, Long> outcomes,
    int reconciled,
    Percentiles timeToReconcile,
    Duration sending,
    Duration settling,
    List<Violation> violations) {

  public static ChaosReport of(RunLog log, Facts facts, List<Violation> violations) {
    List<PlannedOperation> ops = log.schedule().operations();
    Map<String, Long> answers = new TreeMap<>();
    int mismatchesSent = 0;
    int mismatches422 = 0;
    for (RequestRecord r : log.requests()) {
      String answer =
          r.status() == 0
              ? "no answer (" + r.error() + ")"
              : r.status() >= 500
                  ? r.status() + " " + r.problemType()
                  : Integer.toString(r.status());
      answers.merge(answer, 1L, Long::sum);
      if (r.mismatch() && r.attempt() == 1) {
        mismatchesSent++;
      }
      if (r.mismatch() && r.status() == 422) {
        mismatches422++;
      }
    }
    Map<String, Long> outcomes = new TreeMap<>();
    List<Long> reconcileTimes = new ArrayList<>();
    for (PlannedOperation op : ops) {
      JsonNode view = facts.operations().get(op.key());
      String status =
          view == null ? "UNREADABLE" : view.isNull() ? "ABSENT" : view.path("status").asText();
      String code = view == null ? "" : view.path("failure").path("code").asText("");
      outcomes.merge(
          op.type() + " " + status + (code.isEmpty() ? "" : " (" + code + ")"), 1L, Long::sum);
      String unknownSince =
          view == null ? "" : view.path("reconciliation").path("unknownSince").asText("");
      String decidedAt = view == null ? "" : view.path("decidedAt").asText("");
      if (!unknownSince.isEmpty() && !decidedAt.isEmpty()) {
        reconcileTimes.add(
            Duration.between(Instant.parse(unknownSince), Instant.parse(decidedAt)).toMillis());
      }
    }
    return new ChaosReport(
        log.schedule().runId(),
        log.schedule().seed(),
        Instant.ofEpochMilli(log.startedAtMillis()),
        ops.size(),
        (int) ops.stream().filter(o -> o.type() == PlannedOperation.Type.PAYMENT).count(),
        (int) ops.stream().filter(o -> o.type() == PlannedOperation.Type.ORDER).count(),
        ops.stream().mapToInt(PlannedOperation::copies).sum(),
        log.requests().size(),
        answers,
        mismatchesSent,
        mismatches422,
        new TreeMap<>(log.faultsFired()),
        log.processFaults(),
        outcomes,
        reconcileTimes.size(),
        Percentiles.nearestRank(reconcileTimes),
        Duration.ofMillis(log.dispatchedAtMillis() - log.startedAtMillis()),
        Duration.ofMillis(log.settleMillis()),
        violations);
  }

  /** Fault firings of a mode per 100 operations. */
  public double faultShare(String mode) {
    return 100.0 * faultsFired.getOrDefault(mode, 0L) / Math.max(1, operations);
  }
}
