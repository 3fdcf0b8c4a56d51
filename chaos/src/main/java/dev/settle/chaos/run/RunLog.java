package dev.settle.chaos.run;

import dev.settle.chaos.schedule.Schedule;
import java.util.List;
import java.util.Map;

/**
 * What a run did and saw, written to {@code chaos/target/chaos-<runId>.json} so that the checker
 * can be run again on its own, later, against the same stack.
 *
 * @param faultsFired firings of upstream-sim fault rules per mode, as upstream-sim counted them
 * @param settleMillis how long the run waited after the last operation for every one to be final
 */
public record RunLog(
    Schedule schedule,
    long startedAtMillis,
    long dispatchedAtMillis,
    long settledAtMillis,
    List<RequestRecord> requests,
    Map<String, Long> faultsFired,
    List<ProcessFaultRecord> processFaults,
    long settleMillis) {}
