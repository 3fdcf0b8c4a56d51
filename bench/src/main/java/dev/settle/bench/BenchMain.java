package dev.settle.bench;

import dev.settle.bench.BenchOptions.UsageException;
import dev.settle.bench.report.BenchReport;
import dev.settle.bench.report.ReportPrinter;
import dev.settle.bench.stack.BenchStack;
import dev.settle.bench.stack.JfrRecordings;
import dev.settle.stackkit.LocalStack;
import dev.settle.stackkit.StackTarget;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures a Settle stack, its own (started and stopped through stack-kit) or a running one, and
 * prints the report (markdown) on stdout; progress goes to stderr. Exit 0 when the run finished
 * (errors inside it are in the report), 2 on a bad command line, 1 when the run could not be done.
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
    Path repo = Path.of(System.getProperty("settle.repo", ".")).toAbsolutePath().normalize();
    try {
      BenchReport report =
          options.stack().isPresent()
              ? runOnOwnStack(options, repo, repo.resolve(options.stack().get()))
              : measure(options, StackTarget.fromEnvironment(repo));
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

  private static BenchReport runOnOwnStack(BenchOptions options, Path repo, Path home)
      throws Exception {
    LocalStack stack = BenchStack.create(repo, home, Map.of());
    // Stopped on Ctrl-C too: a stack left behind would hold its ports and skew the next run.
    Thread stopper = new Thread(stack::close, "bench-stack-stopper");
    if (!options.keepStack()) {
      Runtime.getRuntime().addShutdownHook(stopper);
    }
    try {
      log.info("starting a stack of its own in {} (bin/settle up)", home);
      stack.up();
      return measure(options, stack.target());
    } finally {
      if (options.keepStack()) {
        log.info("stack left running; stop it with: SETTLE_HOME={} bin/settle down", home);
      } else {
        Runtime.getRuntime().removeShutdownHook(stopper);
        log.info("stopping the stack (bin/settle down)");
        stack.close();
      }
    }
  }

  private static BenchReport measure(BenchOptions options, StackTarget target) throws Exception {
    // It only ever sends load to this machine.
    target.requireLoopback();
    JfrRecordings jfr = options.jfr().map(dir -> JfrRecordings.start(target, dir)).orElse(null);
    try {
      return Bench.run(options, target);
    } finally {
      if (jfr != null) {
        jfr.dump();
      }
    }
  }
}
