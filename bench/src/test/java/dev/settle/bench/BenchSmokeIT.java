package dev.settle.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.settle.bench.report.BenchReport;
import dev.settle.bench.report.CellResult;
import dev.settle.bench.report.ReportPrinter;
import dev.settle.bench.stack.BenchStack;
import dev.settle.bench.stack.MemoryPeak;
import dev.settle.stackkit.LocalStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The benchmark is not a test; this only proves it still works: every scenario, at a tiny size,
 * against a stack of its own, completes all its operations without an error.
 */
class BenchSmokeIT {
  static final int COUNT = 3;

  @Test
  void everyScenarioCompletesItsOperationsWithoutErrors() throws Exception {
    BenchOptions options =
        BenchOptions.parse(
            "--concurrency", "1,2",
            "--count", Integer.toString(COUNT),
            "--warmup", "0",
            "--workers", "1",
            "--ambiguous-count", "2",
            "--ambiguous-concurrency", "2",
            "--fault-latency", "2500ms");
    BenchReport report;
    try (LocalStack stack = smokeStack().up()) {
      report = Bench.run(options, stack.target().requireLoopback());
    }

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    new ReportPrinter(new PrintStream(printed, true, StandardCharsets.UTF_8)).print(report);
    String text = printed.toString(StandardCharsets.UTF_8);
    assertThat(report.cells())
        .extracting(CellResult::scenario)
        .containsOnly(BenchOptions.ALL_SCENARIOS.toArray(String[]::new))
        .hasSize(2 * (BenchOptions.ALL_SCENARIOS.size() - 1) + 1);
    for (CellResult cell : report.cells()) {
      int expected = cell.scenario().equals("ambiguous") ? 2 : COUNT;
      assertThat(cell.stats().errors())
          .as(
              "errors of %s at %s: %s",
              cell.scenario(), cell.load().label(), cell.stats().errorKinds())
          .isZero();
      assertThat(cell.stats().ok())
          .as("%s at %s", cell.scenario(), cell.load().label())
          .isEqualTo(expected);
    }
    assertThat(report.peaks())
        .extracting(MemoryPeak::process, MemoryPeak::alive)
        .contains(tuple("gateway", true), tuple("worker", true));
    assertThat(text)
        .contains("### Ratios", "gateway/raw", "UNKNOWN→CONFIRMED", "### History per operation");
    assertThat(report.cells())
        .filteredOn(cell -> cell.scenario().equals("raw"))
        .allSatisfy(
            raw -> {
              assertThat(raw.history().sampled()).as("raw histories read").isPositive();
              // 9 events in one task (LeanHappyPathTest's bound is 10). upstream-sim's webhook,
              // sent as the charge commits, is held by the gateway while the payment is PENDING;
              // signalled, it would land as the payment's only task completes and fail it.
              assertThat(raw.history().events())
                  .as("events of a happy payment")
                  .isBetween(9.0, 10.0);
              assertThat(raw.history().failedWorkflowTasks())
                  .as("failed workflow tasks of a happy payment")
                  .isZero();
              assertThat(raw.history().workflowTasks()).isEqualTo(1.0);
            });
  }

  /**
   * A stack of the bench's own kind in a folder of the smoke test's own; the upstream read timeout
   * is shorter than the default 3 s so the ambiguous scenario settles sooner (reconciliation keeps
   * its defaults).
   */
  private static LocalStack smokeStack() {
    Path repo = Path.of(System.getProperty("settle.repo", "..")).toAbsolutePath().normalize();
    return BenchStack.create(
        repo,
        repo.resolve("bench/target/smoke-stack"),
        Map.of("SETTLE_UPSTREAM_READ_TIMEOUT", "1500ms"));
  }
}
