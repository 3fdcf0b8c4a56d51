package dev.settle.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A stack of the smoke test's own, started through {@code bin/settle up} on free loopback ports
 * with its own state folder and every JVM at -Xmx256m (the approach of e2e's SettleStack), and
 * stopped with {@code bin/settle down}.
 */
final class SmokeStack implements AutoCloseable {
  final Path repo = Path.of(System.getProperty("settle.repo", "..")).toAbsolutePath().normalize();
  final Map<String, String> env = new LinkedHashMap<>();

  SmokeStack() {
    env.put("SETTLE_HOME", repo.resolve("bench/target/smoke-stack").toString());
    env.put("SETTLE_BIND", "127.0.0.1");
    for (String port :
        List.of(
            "SETTLE_GATEWAY_PORT",
            "SETTLE_UPSTREAM_PORT",
            "SETTLE_WORKER_PORT",
            "SETTLE_TEMPORAL_PORT",
            "SETTLE_TEMPORAL_UI_PORT",
            "SETTLE_PG_PORT")) {
      env.put(port, Integer.toString(freePort()));
    }
    env.put("SETTLE_NO_BUILD", "1");
    env.put("SETTLE_JAVA_OPTS", "-Xmx256m");
    // Shorter than the default 3 s so the ambiguous scenario settles sooner; reconciliation itself
    // keeps its defaults.
    env.put("SETTLE_UPSTREAM_READ_TIMEOUT", "1500ms");
  }

  /** Starts the stack; if that fails, stops whatever part did start before failing. */
  SmokeStack up() throws IOException {
    Path home = Path.of(env.get("SETTLE_HOME"));
    if (Files.exists(home)) {
      settle("purge");
    }
    try {
      settle("up");
    } catch (RuntimeException failed) {
      try {
        settle("down");
      } catch (RuntimeException alsoFailed) {
        failed.addSuppressed(alsoFailed);
      }
      throw failed;
    }
    return this;
  }

  @Override
  public void close() {
    settle("down");
  }

  private void settle(String command) {
    try {
      Path log = Files.createTempFile("settle-bench-smoke", ".log");
      ProcessBuilder builder =
          new ProcessBuilder(repo.resolve("bin/settle").toString(), command)
              .directory(repo.toFile());
      builder.environment().putAll(env);
      builder.redirectErrorStream(true).redirectOutput(log.toFile());
      Process process = builder.start();
      boolean finished = process.waitFor(Duration.ofMinutes(5).toMillis(), TimeUnit.MILLISECONDS);
      String output = Files.readString(log);
      Files.deleteIfExists(log);
      if (!finished) {
        process.destroyForcibly();
        throw new IllegalStateException("bin/settle " + command + " timed out:\n" + output);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "bin/settle " + command + " exited " + process.exitValue() + ":\n" + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A free port below Linux's ephemeral range (32768+), so that no process binding "any port" (the
   * dev server's internal services, a client socket) can take it between now and its use.
   */
  private static int freePort() {
    Random random = new Random();
    for (int tries = 0; tries < 200; tries++) {
      int port = 20000 + random.nextInt(12000);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("no free port in 20000-32000");
  }
}
