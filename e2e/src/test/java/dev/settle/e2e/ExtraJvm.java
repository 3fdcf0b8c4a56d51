package dev.settle.e2e;

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
import java.util.concurrent.TimeUnit;

/**
 * One more gateway or worker process of the running stack, started from the built jar beside the
 * ones {@code bin/settle} runs (scale-out and lifecycle tests). It shares the stack's Temporal,
 * PostgreSQL and upstream-sim and listens on its own free port.
 */
final class ExtraJvm implements AutoCloseable {
  enum Kind {
    GATEWAY(
        "api-gateway/target/settle-gateway.jar",
        "SETTLE_GATEWAY_PORT",
        List.of("--spring.profiles.active=dev")),
    WORKER("activities/target/settle-worker.jar", "SETTLE_WORKER_PORT", List.of());

    final String jar;
    final String portVariable;
    final List<String> args;

    Kind(String jar, String portVariable, List<String> args) {
      this.jar = jar;
      this.portVariable = portVariable;
      this.args = args;
    }
  }

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final Kind kind;
  final int port = LoopbackPorts.free();
  final Path log;
  private final Process process;

  ExtraJvm(SettleStack stack, Kind kind, String name) {
    this.kind = kind;
    this.log = stack.repo.resolve("e2e/target/" + name + ".log");
    List<String> command =
        new java.util.ArrayList<>(
            List.of("java", "-Xmx256m", "-jar", stack.repo.resolve(kind.jar).toString()));
    command.addAll(kind.args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(stack.repo.toFile());
    builder.environment().putAll(stack.env);
    builder
        .environment()
        .put("SETTLE_TEMPORAL_ADDRESS", "127.0.0.1:" + stack.env.get("SETTLE_TEMPORAL_PORT"));
    builder.environment().put(kind.portVariable, Integer.toString(port));
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("could not start " + kind, e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** HTTP status of an actuator health path, or 0 while nothing answers. */
  int health(String path) {
    return statusOf(url() + "/actuator/health" + path);
  }

  static int statusOf(String url) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException notListening) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits until the health path answers the status, failing with the process's log if not. */
  void awaitHealth(String path, int status, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(kind + " exited " + process.exitValue() + ":\n" + tail());
      }
      if (health(path) == status) {
        return;
      }
      SettleApi.sleep(Duration.ofMillis(300));
    }
    throw new AssertionError(
        kind
            + " health"
            + path
            + " never answered "
            + status
            + " within "
            + within
            + ":\n"
            + tail());
  }

  /** SIGKILL: the process gets no chance to finish anything. */
  void kill9() {
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(30));
  }

  /** SIGTERM, then waits for the process to exit on its own. */
  void terminate(Duration within) {
    process.destroy();
    if (!waitFor(within)) {
      throw new AssertionError(kind + " did not exit within " + within + " of SIGTERM:\n" + tail());
    }
  }

  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private boolean waitFor(Duration within) {
    try {
      return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      waitFor(Duration.ofSeconds(30));
    }
  }
}
