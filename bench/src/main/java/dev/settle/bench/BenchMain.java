package dev.settle.bench;

import dev.settle.bench.BenchOptions.UsageException;
import dev.settle.bench.report.BenchReport;
import dev.settle.bench.report.ReportPrinter;
import dev.settle.stackkit.StackTarget;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures a running Settle stack and prints the report (markdown) on stdout; progress goes to
 * stderr. Exit 0 when the run finished (errors inside it are in the report), 2 on a bad command
 * line, 1 when the run could not be done.
 */
public final class BenchMain {
  private static final Logger log = LoggerFactory.getLogger(BenchMain.class);

  private BenchMain() {}

  public static void main(String[] args) {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (UsageException e) {
      System.err.println(
          e.getMessage().isEmpty()
              ? BenchOptions.USAGE
              : e.getMessage() + "\n" + BenchOptions.USAGE);
      System.exit(e.getMessage().isEmpty() ? 0 : 2);
      return;
    }
    try {
      BenchReport report =
          Bench.run(
              options,
              // It only ever sends load to this machine.
              StackTarget.fromEnvironment(Path.of(System.getProperty("settle.repo", ".")))
                  .requireLoopback());
      ByteArrayOutputStream text = new ByteArrayOutputStream();
      new ReportPrinter(new PrintStream(text, true, StandardCharsets.UTF_8)).print(report);
      System.out.print(text.toString(StandardCharsets.UTF_8));
      if (options.out().isPresent()) {
        Files.writeString(options.out().get(), text.toString(StandardCharsets.UTF_8));
        log.info("report written to {}", options.out().get());
      }
      System.exit(0);
    } catch (Exception | Error e) {
      // Exit even so: the SDK's and the floor worker's threads would keep the JVM alive.
      log.error("bench failed", e);
      System.exit(1);
    }
  }
}
