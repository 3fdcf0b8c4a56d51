package dev.settle.chaos.schedule;

import java.util.List;
import java.util.Map;

/**
 * Everything a run will do, decided up front from its seed: the operations and their duplicates,
 * the upstream fault rules and status windows, and the process faults, each at an operation index.
 * The same seed gives the same schedule; the interleaving of concurrent requests is up to the
 * machine.
 *
 * @param initialStock the stock level the run sets for each of its SKUs before it starts
 */
public record Schedule(
    long seed,
    String runId,
    List<PlannedOperation> operations,
    List<FaultBatch> faultBatches,
    List<StatusWindow> statusWindows,
    List<ProcessFault> processFaults,
    Map<String, Long> initialStock) {}
