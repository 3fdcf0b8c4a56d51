package dev.settle.e2e;

import dev.settle.stackkit.ChildProcess;
import dev.settle.stackkit.LoopbackPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One more gateway or worker process of the running stack, started from the built jar beside the
 * ones {@code bin/settle} runs (scale-out and lifecycle tests). It shares the stack's Temporal,
 * PostgreSQL and upstream-sim and listens on its own free port.
 */
final class ExtraJvm implements AutoCloseable {
  enum Kind {
    GATEWAY("gateway", "SETTLE_GATEWAY_PORT", List.of("--spring.profiles.active=dev")),
    WORKER("worker", "SETTLE_WORKER_PORT", List.of());

    /** The part of bin/settle whose jar it runs. */
    final String part;

    final String portVariable;
    final List<String> args;

    Kind(String part, String portVariable, List<String> args) {
      this.part = part;
      this.portVariable = portVariable;
      this.args = args;
    }
  }

  final Kind kind;
  final int port = LoopbackPorts.free();
  private final String host;
  private final ChildProcess process;

  ExtraJvm(SettleStack stack, Kind kind, String name) {
    this.kind = kind;
    this.host = stack.target().host();
    List<String> command =
        new ArrayList<>(
            List.of("java", "-Xmx256m", "-jar", stack.target().jar(kind.part).toString()));
    command.addAll(kind.args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(stack.repo.toFile());
    builder.environment().putAll(stack.env);
    builder.environment().put("SETTLE_TEMPORAL_ADDRESS", stack.target().temporalAddress());
    builder.environment().put(kind.portVariable, Integer.toString(port));
    Path log = stack.repo.resolve("e2e/target/" + name + ".log");
    try {
      Files.deleteIfExists(log); // this run's output only
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    process = ChildProcess.start(name, builder, log);
  }

  String url() {
    return "http://" + host + ":" + port;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.alive();
  }

  /** HTTP status of an actuator health path, or 0 while nothing answers. */
  int health(String path) {
    return statusOf(url() + "/actuator/health" + path);
  }

  static int statusOf(String url) {
    return ChildProcess.httpStatus(url);
  }

  /** Waits until the health path answers the status, failing with the process's log if not. */
  void awaitHealth(String path, int status, Duration within) {
    process.awaitHttpStatus(url() + "/actuator/health" + path, status, within);
  }

  /** SIGKILL: the process gets no chance to finish anything. */
  void kill9() {
    process.kill9();
  }

  /** SIGTERM, then waits for the process to exit on its own. */
  void terminate(Duration within) {
    if (!process.stop(within)) {
      throw new AssertionError(
          kind + " did not exit within " + within + " of SIGTERM:\n" + process.tail(40));
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
