package dev.settle.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.settle.bench.load.Load;
import dev.settle.bench.load.Stats;
import dev.settle.bench.payment.PaymentScenarios;
import dev.settle.bench.stack.MemoryPeak;
import dev.settle.stackkit.Percentiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report a reader compares runs by: every section in order, the targets marked. */
class ReportPrinterTest {
  static final Load CLOSED = Load.closed(8);
  static final Load OPEN = Load.open(50, 64);

  static CellResult cell(
      String scenario, int workers, Load load, long ok, long errors, double p50) {
    Stats stats =
        new Stats(
            ok,
            errors,
            errors == 0 ? Map.of() : Map.of("timeout", errors),
            10,
            Map.of(
                "latency",
                new Percentiles(ok, p50, p50 * 2, p50 * 3, p50 * 4),
                PaymentScenarios.FIRST_ANSWER,
                new Percentiles(ok, p50 / 2, p50, p50, p50),
                PaymentScenarios.ANSWERED_201,
                new Percentiles(ok / 2, 1, 1, 1, 1),
                PaymentScenarios.UNKNOWN_TO_CONFIRMED,
                new Percentiles(ok, 900, 1200, 1300, 1500)));
    HistoryCost history =
        scenario.equals("gateway") ? new HistoryCost(20, 23.5, 3.25, 0.05) : HistoryCost.NONE;
    return new CellResult(
        scenario, workers, load, stats, Map.of("temporal", 5000L, "gateway", 1200L), history);
  }

  static String print(List<CellResult> cells) {
    BenchReport report =
        new BenchReport(
            Instant.parse("2024-01-02T03:04:05Z"),
            Duration.ofSeconds(321),
            new Machine(2, "Test CPU", 7.5, "Linux 6", "OpenJDK 21"),
            List.of("--cells", "x"),
            "settings",
            "0.1 0.2 0.3",
            "1.0 2.0 3.0",
            cells,
            List.of(new MemoryPeak("gateway", 123, 204800, true)));
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    new ReportPrinter(new PrintStream(text, true, StandardCharsets.UTF_8)).print(report);
    return text.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsEverySectionInOrderWithTheTargetsMarked() {
    String report =
        print(
            List.of(
                cell("gateway", 2, CLOSED, 1000, 0, 12.5),
                cell("raw", 2, CLOSED, 1020, 3, 9.5),
                cell("floor", 1, CLOSED, 1500, 0, 4),
                cell("no-durability", 1, CLOSED, 2000, 0, 3),
                cell("gateway", 4, OPEN, 500, 0, 20),
                cell("raw", 4, OPEN, 400, 0, 11),
                cell("first-answer", 2, CLOSED, 300, 0, 40),
                cell("ambiguous", 2, CLOSED, 100, 0, 2000)));

    assertThat(report)
        .startsWith(
            "## Settle bench, 2024-01-02T03:04:05Z\n\n- machine: 2 cores (Test CPU), 7.5 GiB")
        .containsSubsequence(
            "### Throughput and client-observed latency",
            "| 2 | c=8 | gateway | 1000 | 0 | 100.0 | 12.5 | 25.0 | 37.5 | 50.0 |",
            "### Ratios",
            "| 2 | c=8 | 0.98 ✓ | +3.0 ✓ | 0.68 ✗ | 2.00 |",
            "| 4 | 50/s | 1.25 ✓ | +9.0 ✗ | – | – |",
            "### History per operation",
            "| 2 | c=8 | gateway | 23.5 | 3.25 | 0.05 | 20 | 50 % |",
            "### First answer vs completion",
            "| 2 | c=8 | 20.0 / 40.0 | 40.0 / 120.0 | 0.50 |",
            "### Ambiguous",
            "| 2 | c=8 | 100 | 0 | 1000 | 2000 | 0.50 | 900 / 1200 / 1500 |",
            "### CPU per completed operation",
            "| 2 | c=8 | gateway | 5.0 | 0.0 | 0.0 | 0.0 | 1.2 | 0.0 | 6.2 | 323 |",
            "### Peak resident memory",
            "| gateway | 123 | 200 | true |",
            "### Errors",
            "- raw, workers=2, c=8: 3 × timeout");
  }

  @Test
  void leavesOutTheSectionsNoCellFeeds() {
    String report = print(List.of(cell("raw", 2, CLOSED, 1000, 0, 9.5)));

    assertThat(report)
        .contains("| 2 | c=8 | – | – | – | – |")
        .doesNotContain("### First answer", "### Ambiguous", "### Errors", "| 50 % |");
  }
}
