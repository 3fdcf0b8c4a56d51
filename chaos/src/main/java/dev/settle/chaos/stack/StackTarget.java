package dev.settle.chaos.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The stack a chaos run drives and checks: where its parts listen, and {@code bin/settle} run with
 * the same SETTLE_* environment, so that {@code kill worker} or {@code stop temporal} hit this stack
 * and no other.
 */
public final class StackTarget {
  private final Path repo;
  private final Map<String, String> env;

  public StackTarget(Path repo, Map<String, String> env) {
    this.repo = repo;
    this.env = Map.copyOf(env);
  }

  /**
   * An already running stack, described by the SETTLE_* variables of this process (the ones it was
   * started with; unset ones take bin/lib/config.sh's defaults).
   */
  public static StackTarget fromEnvironment(Path repo) {
    Map<String, String> env = new LinkedHashMap<>();
    System.getenv().forEach((name, value) -> {
      if (name.startsWith("SETTLE_")) {
        env.put(name, value);
      }
    });
    return new StackTarget(repo, env);
  }

  public Path repo() {
    return repo;
  }

  public Map<String, String> env() {
    return env;
  }

  private String port(String name, String fallback) {
    return env.getOrDefault(name, fallback);
  }

  private String host() {
    String bind = env.getOrDefault("SETTLE_BIND", "127.0.0.1");
    return bind.equals("0.0.0.0") || bind.contains("::") ? "127.0.0.1" : bind;
  }

  public String gatewayUrl() {
    return "http://" + host() + ":" + port("SETTLE_GATEWAY_PORT", "8080");
  }

  public String upstreamUrl() {
    return "http://" + host() + ":" + port("SETTLE_UPSTREAM_PORT", "8089");
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host() + ":" + port("SETTLE_PG_PORT", "15432") + "/" + database;
  }

  /** Runs {@code bin/settle <args>} against this stack; throws with its output if it fails. */
  public String settle(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = repo.resolve("bin/settle").toString();
    System.arraycopy(args, 0, command, 1, args.length);
    return run(Duration.ofMinutes(5), command);
  }

  private String run(Duration timeout, String... command) {
    try {
      Path log = Files.createTempFile("settle-chaos", ".log");
      try {
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile());
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        String output = Files.readString(log);
        if (!finished) {
          process.destroyForcibly();
          throw new IllegalStateException(String.join(" ", command) + " timed out:\n" + output);
        }
        if (process.exitValue() != 0) {
          throw new IllegalStateException(
              String.join(" ", command) + " exited " + process.exitValue() + ":\n" + output);
        }
        return output;
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
