package dev.settle.bench.stack;

import dev.settle.stackkit.ChildProcess;
import dev.settle.stackkit.LoopbackPorts;
import dev.settle.stackkit.StackTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One more worker process on the same task queue. It is started with exactly the command line and
 * environment of the worker {@code bin/settle} runs (read from /proc), only on another management
 * port, so both serve the same stack with the same settings (including SETTLE_JAVA_OPTS).
 */
final class ExtraWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExtraWorker.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  final String name;
  private final ChildProcess process;

  private ExtraWorker(String name, ChildProcess process) {
    this.name = name;
    this.process = process;
  }

  static ExtraWorker start(StackTarget target, String name, long modelPid, Duration startTimeout)
      throws IOException {
    List<String> command = ProcessInfo.commandLine(modelPid);
    Map<String, String> env = ProcessInfo.environment(modelPid);
    int port = LoopbackPorts.free();
    env.put("SETTLE_WORKER_PORT", Integer.toString(port));
    Path logFile = target.logDir().resolve(name + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(ProcessInfo.workingDirectory(modelPid).toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    log.info("starting {} on port {}: {}", name, port, String.join(" ", command));
    ExtraWorker worker = new ExtraWorker(name, ChildProcess.start(name, builder, logFile));
    try {
      worker.process.awaitHttpStatus(
          "http://" + target.host() + ":" + port + "/actuator/health", 200, startTimeout);
    } catch (RuntimeException notHealthy) {
      worker.close();
      throw notHealthy;
    }
    log.info("{} is healthy (pid {})", name, worker.pid());
    return worker;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.alive();
  }

  /** SIGTERM, then SIGKILL after a grace period: only this process, which the bench started. */
  @Override
  public void close() {
    process.stop(STOP_GRACE);
  }
}
