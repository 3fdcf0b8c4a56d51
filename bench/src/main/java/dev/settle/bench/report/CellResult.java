package dev.settle.bench.report;

import dev.settle.bench.load.Load;
import dev.settle.bench.load.Stats;
import java.util.Map;

/**
 * One scenario measured at one load with a given number of worker processes.
 *
 * @param cpuMillis CPU time each of the stack's processes used during the measured run, in ms
 *     (includes whatever else those processes did meanwhile, which is little in a bench run)
 * @param history what a sample of the cell's workflows cost Temporal; {@link HistoryCost#NONE} for
 *     a scenario without workflows
 */
public record CellResult(
    String scenario,
    int workers,
    Load load,
    Stats stats,
    Map<String, Long> cpuMillis,
    HistoryCost history) {

  /** CPU ms per completed operation, by process. */
  public double cpuPerOp(String process) {
    return stats.ok() == 0 ? Double.NaN : cpuMillis.getOrDefault(process, 0L) / (double) stats.ok();
  }
}
