package dev.settle.chaos;

import dev.settle.chaos.report.ReportPrinter;
import dev.settle.chaos.stack.OwnStack;
import dev.settle.stackkit.StackTarget;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code chaos/run.sh}: a seeded chaos run against a stack of its own (or a running one), then the
 * invariant check. Prints the report on stdout (progress on stderr); exits 1 on any violation, 2 if
 * the run itself could not be done.
 */
public final class ChaosMain {
  private static final Logger log = LoggerFactory.getLogger(ChaosMain.class);

  private ChaosMain() {}

  public static void main(String[] args) {
    Path repo = Path.of(System.getProperty("settle.repo", ".")).toAbsolutePath().normalize();
    int exit;
    try {
      exit = run(repo, ChaosOptions.parse(repo, args));
    } catch (IllegalArgumentException badUsage) {
      System.err.println(badUsage.getMessage());
      exit = 2;
    } catch (Exception failed) {
      log.error("the chaos run could not be done", failed);
      exit = 2;
    }
    System.exit(exit);
  }

  private static int run(Path repo, ChaosOptions options) throws Exception {
    if (options.fingerprint()) {
      System.out.println(WorkflowFingerprint.of(repo));
      return 0;
    }
    Chaos.Outcome outcome;
    if (options.check() != null) {
      outcome = Chaos.check(StackTarget.fromEnvironment(repo), options.check());
    } else if (options.targetRunning()) {
      outcome = runOn(StackTarget.fromEnvironment(repo), options);
    } else {
      OwnStack stack = OwnStack.create(repo, repo.resolve("chaos/target/stack"));
      try {
        stack.up();
        outcome = runOn(stack.target(), options);
      } finally {
        if (options.keepStack()) {
          log.info(
              "stack left running; stop it with: SETTLE_HOME={} bin/settle down",
              stack.target().home());
        } else {
          stack.close();
        }
      }
    }
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    new ReportPrinter(new PrintStream(text, true, StandardCharsets.UTF_8)).print(outcome.report());
    // Which workflow code the run covered: a soak record names it (docs/reliability.md).
    String report =
        text.toString(StandardCharsets.UTF_8)
            + "workflow code: "
            + WorkflowFingerprint.of(repo)
            + " ("
            + WorkflowFingerprint.SOURCES
            + ", chaos/run.sh --fingerprint)\n";
    System.out.print(report);
    Path reportFile =
        options.out().resolve("chaos-report-" + outcome.log().schedule().runId() + ".txt");
    Files.createDirectories(options.out());
    Files.writeString(reportFile, report);
    log.info("run log {}, report {}", outcome.logFile(), reportFile);
    return outcome.report().violations().isEmpty() ? 0 : 1;
  }

  private static Chaos.Outcome runOn(StackTarget stack, ChaosOptions options) throws Exception {
    return Chaos.run(
        stack,
        options.operations(),
        options.seed(),
        options.concurrency(),
        options.settleWithin(),
        options.out());
  }
}
