package dev.settle.bench.stack;

import dev.settle.stackkit.StackTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JFR profiles of the stack's gateway and worker over a run, with {@code jcmd}: they cost a few %
 * of throughput, so they are for finding where time goes, not for the numbers.
 */
public final class JfrRecordings {
  private static final Logger log = LoggerFactory.getLogger(JfrRecordings.class);
  private static final List<String> PARTS = List.of("gateway", "worker");
  private static final Duration JCMD_TIMEOUT = Duration.ofMinutes(1);

  private final StackTarget target;
  private final Path dir;

  private JfrRecordings(StackTarget target, Path dir) {
    this.target = target;
    this.dir = dir.toAbsolutePath();
  }

  /** Starts a recording in each part, to be written to {@code dir/<part>.jfr}. */
  public static JfrRecordings start(StackTarget target, Path dir) {
    JfrRecordings recordings = new JfrRecordings(target, dir);
    for (String part : PARTS) {
      recordings.jcmd(
          part,
          "JFR.start",
          "name=bench",
          "settings=profile",
          "filename=" + recordings.dir.resolve(part + ".jfr"));
    }
    return recordings;
  }

  /** Writes the recordings; a part that is gone is logged, not thrown: the run's report counts. */
  public void dump() {
    for (String part : PARTS) {
      try {
        jcmd(part, "JFR.dump", "name=bench");
      } catch (RuntimeException e) {
        log.warn("no JFR recording of {}: {}", part, e.getMessage());
      }
    }
    log.info("JFR recordings in {}/{{gateway,worker}}.jfr", dir);
  }

  private void jcmd(String part, String... command) {
    long pid =
        ProcessInfo.partPid(target.runDir(), part)
            .orElseThrow(() -> new IllegalStateException("no running " + part));
    String[] line = new String[command.length + 2];
    line[0] = "jcmd";
    line[1] = Long.toString(pid);
    System.arraycopy(command, 0, line, 2, command.length);
    target.command().run(JCMD_TIMEOUT, line);
  }
}
