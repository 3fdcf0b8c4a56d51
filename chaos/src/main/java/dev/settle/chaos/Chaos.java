package dev.settle.chaos;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.settle.chaos.check.InvariantChecker;
import dev.settle.chaos.report.ChaosReport;
import dev.settle.chaos.run.ChaosRunner;
import dev.settle.chaos.run.RunLog;
import dev.settle.chaos.schedule.Schedule;
import dev.settle.chaos.schedule.ScheduleGenerator;
import dev.settle.stackkit.StackTarget;
import dev.settle.stackkit.http.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** A whole chaos run against a stack: schedule, run, log file, check, report. */
public final class Chaos {
  private Chaos() {}

  /**
   * A run's log (also written to {@code out}), the check's facts and violations, and the report.
   */
  public record Outcome(
      RunLog log, InvariantChecker.Checked checked, ChaosReport report, Path logFile) {}

  public static Outcome run(
      StackTarget stack,
      int operations,
      long seed,
      int concurrency,
      Duration settleWithin,
      Path out)
      throws InterruptedException, IOException {
    Schedule schedule = ScheduleGenerator.generate(seed, runId(seed), operations);
    ChaosRunner.Result result = new ChaosRunner(stack, concurrency, settleWithin).run(schedule);
    Path logFile = write(result.log(), out);
    InvariantChecker.Checked checked =
        new InvariantChecker(stack).check(result.log(), result.views());
    return new Outcome(
        result.log(),
        checked,
        ChaosReport.of(result.log(), checked.facts(), checked.violations()),
        logFile);
  }

  /** Checks an earlier run again, from its log file, against the stack as it is now. */
  public static Outcome check(StackTarget stack, Path logFile) throws IOException {
    RunLog log = Http.JSON.readValue(logFile.toFile(), RunLog.class);
    InvariantChecker.Checked checked = new InvariantChecker(stack).check(log, Map.of());
    return new Outcome(
        log, checked, ChaosReport.of(log, checked.facts(), checked.violations()), logFile);
  }

  /**
   * Prefixes the run's keys, accounts and SKUs: the seed (the schedule depends on nothing else) and
   * the start second, so that two runs with one seed on one stack never share a key.
   */
  static String runId(long seed) {
    return "s" + seed + "t" + Long.toString(System.currentTimeMillis() / 1000, 36);
  }

  private static Path write(RunLog log, Path out) throws IOException {
    Files.createDirectories(out);
    Path file = out.resolve("chaos-" + log.schedule().runId() + ".json");
    Http.JSON.copy().disable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), log);
    return file;
  }
}
