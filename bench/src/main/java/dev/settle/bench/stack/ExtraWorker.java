package dev.settle.bench.stack;

import dev.settle.stackkit.LoopbackPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
  private final Process process;

  private ExtraWorker(String name, Process process) {
    this.name = name;
    this.process = process;
  }

  static ExtraWorker start(StackTarget target, String name, long modelPid, Duration startTimeout)
      throws IOException, InterruptedException {
    List<String> command = ProcessInfo.commandLine(modelPid);
    Map<String, String> env = ProcessInfo.environment(modelPid);
    int port = LoopbackPorts.free();
    env.put("SETTLE_WORKER_PORT", Integer.toString(port));
    Path logFile = target.logDir().resolve(name + ".log");
    Files.createDirectories(logFile.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(ProcessInfo.workingDirectory(modelPid).toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    log.info("starting {} on port {}: {}", name, port, String.join(" ", command));
    ExtraWorker worker = new ExtraWorker(name, builder.start());
    // bin/settle does not know this process: if the bench is interrupted (Ctrl-C, SIGTERM), it
    // must not outlive it.
    Runtime.getRuntime().addShutdownHook(new Thread(worker.process::destroy, name + "-stopper"));
    worker.awaitHealthy(
        URI.create("http://" + target.gateway().getHost() + ":" + port + "/actuator/health"),
        startTimeout,
        logFile);
    log.info("{} is healthy (pid {})", name, worker.pid());
    return worker;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  private void awaitHealthy(URI health, Duration timeout, Path logFile)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited during startup; see " + logFile);
      }
      try {
        HttpRequest request =
            HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(3)).GET().build();
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Still starting.
      }
      Thread.sleep(500);
    }
    close();
    throw new IllegalStateException(name + " not healthy within " + timeout + "; see " + logFile);
  }

  /** SIGTERM, then SIGKILL after a grace period: only this process, which the bench started. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
