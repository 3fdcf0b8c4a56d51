package dev.settle.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.settle.chaos.check.Facts;
import dev.settle.chaos.run.ProcessFaultRecord;
import dev.settle.chaos.run.RequestRecord;
import dev.settle.chaos.run.RunLog;
import dev.settle.chaos.schedule.PlannedOperation;
import dev.settle.chaos.schedule.PlannedOperation.Type;
import dev.settle.chaos.schedule.Schedule;
import dev.settle.stackkit.http.Http;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChaosReportTest {

  @Test
  void countsRequestsFaultsOutcomesAndTimeToReconcile() {
    List<PlannedOperation> ops = new ArrayList<>();
    Map<String, JsonNode> views = new HashMap<>();
    for (int i = 0; i < 4; i++) {
      ops.add(
          new PlannedOperation(
              i,
              "r-" + i,
              i < 3 ? Type.PAYMENT : Type.ORDER,
              "a",
              "b",
              "1.00",
              List.of(),
              2,
              i == 0));
      ObjectNode view = Http.JSON.createObjectNode().put("status", i == 2 ? "FAILED" : "CONFIRMED");
      if (i == 2) {
        view.putObject("failure").put("code", "upstream-rejected");
      }
      views.put("r-" + i, view);
    }
    // Two went UNKNOWN: decided 1 s and 3 s later.
    ((ObjectNode) views.get("r-0"))
        .put("decidedAt", "2026-01-01T00:00:01Z")
        .putObject("reconciliation")
        .put("unknownSince", "2026-01-01T00:00:00Z");
    ((ObjectNode) views.get("r-1"))
        .put("decidedAt", "2026-01-01T00:00:03Z")
        .putObject("reconciliation")
        .put("unknownSince", "2026-01-01T00:00:00Z");
    List<RequestRecord> requests =
        List.of(
            request("r-0", false, 1, 201, null, null),
            request("r-0", false, 1, 0, "CONNECT", null),
            request("r-0", false, 2, 503, null, "engine-unavailable"),
            request("r-0", true, 1, 422, null, "idempotency-key-reused"),
            request("r-1", false, 1, 202, null, null));
    RunLog log =
        new RunLog(
            new Schedule(1, "r", ops, List.of(), List.of(), List.of(), Map.of()),
            1_000,
            61_000,
            71_000,
            requests,
            Map.of("COMMIT_THEN_TIMEOUT", 2L),
            List.of(new ProcessFaultRecord("WORKER_KILL", 1, 0, 5000, true, null)),
            10_000);

    ChaosReport report =
        ChaosReport.of(
            log, new Facts(views, Map.of(), Map.of(), Map.of(), Map.of(), Map.of()), List.of());

    assertThat(report.operations()).isEqualTo(4);
    assertThat(report.payments()).isEqualTo(3);
    assertThat(report.copies()).isEqualTo(8);
    assertThat(report.answers())
        .containsEntry("201", 1L)
        .containsEntry("202", 1L)
        .containsEntry("422", 1L)
        .containsEntry("503 engine-unavailable", 1L)
        .containsEntry("no answer (CONNECT)", 1L);
    assertThat(report.mismatchesSent()).isEqualTo(1);
    assertThat(report.mismatches422()).isEqualTo(1);
    assertThat(report.faultShare("COMMIT_THEN_TIMEOUT")).isEqualTo(50.0);
    assertThat(report.outcomes())
        .containsEntry("PAYMENT CONFIRMED", 2L)
        .containsEntry("PAYMENT FAILED (upstream-rejected)", 1L)
        .containsEntry("ORDER CONFIRMED", 1L);
    assertThat(report.reconciled()).isEqualTo(2);
    assertThat(report.timeToReconcile().p50()).isEqualTo(1000);
    assertThat(report.timeToReconcile().p99()).isEqualTo(3000);
    assertThat(report.sending()).isEqualTo(Duration.ofMinutes(1));

    ByteArrayOutputStream text = new ByteArrayOutputStream();
    new ReportPrinter(new PrintStream(text, true, StandardCharsets.UTF_8)).print(report);
    assertThat(text.toString(StandardCharsets.UTF_8))
        .contains(
            "operations: 4 (payments 3, orders 1)",
            "COMMIT_THEN_TIMEOUT",
            "50.0%",
            "WORKER_KILL",
            "violations: 0");
  }

  static RequestRecord request(
      String key, boolean mismatch, int attempt, int status, String error, String problem) {
    return new RequestRecord(
        key, 0, mismatch, attempt, 0, 1, status, error, problem, null, key, null);
  }
}
