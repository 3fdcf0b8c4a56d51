package dev.settle.bench.report;

import dev.settle.bench.stack.MemoryPeak;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything one run measured.
 *
 * @param settings how each cell was bounded and warmed up, in words
 * @param loadBefore load average when the run started; {@code loadAfter} when it ended
 */
public record BenchReport(
    Instant started,
    Duration took,
    Machine machine,
    List<String> args,
    String settings,
    String loadBefore,
    String loadAfter,
    List<CellResult> cells,
    List<MemoryPeak> peaks) {

  /** The cell of a scenario at a load label with that many workers, if it ran. */
  public Optional<CellResult> cell(String scenario, int workers, String load) {
    return cells.stream()
        .filter(
            c ->
                c.scenario().equals(scenario)
                    && c.workers() == workers
                    && c.load().label().equals(load))
        .findFirst();
  }

  /**
   * Like {@link #cell}, but for scenarios that do not use Settle's workers (floor, no-durability)
   * falls back to the same load measured with another number of workers.
   */
  public Optional<CellResult> comparable(String scenario, int workers, String load) {
    return cell(scenario, workers, load)
        .or(
            () ->
                cells.stream()
                    .filter(c -> c.scenario().equals(scenario) && c.load().label().equals(load))
                    .findFirst());
  }
}
