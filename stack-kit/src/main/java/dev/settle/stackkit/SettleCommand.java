package dev.settle.stackkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bin/settle} (or another command) in the repository with one stack's SETTLE_*
 * environment, so that {@code kill worker} or {@code stop temporal} hit that stack and no other.
 */
public final class SettleCommand {
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  private final Path repo;
  private final Map<String, String> env;

  public SettleCommand(Path repo, Map<String, String> env) {
    this.repo = repo.toAbsolutePath().normalize();
    this.env = Map.copyOf(env);
  }

  public Path repo() {
    return repo;
  }

  /** The variables set on top of this process's environment for every command. */
  public Map<String, String> env() {
    return env;
  }

  /**
   * The stack's resolved settings, as {@code bin/settle env} prints them (home, engine, connect
   * host, ports, state folders, jars): read from the script, so no caller repeats its defaults.
   */
  public Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String line : settle("env").split("\n")) {
      int equals = line.indexOf('=');
      if (equals > 0 && line.startsWith("SETTLE_")) {
        settings.put(line.substring(0, equals), line.substring(equals + 1));
      }
    }
    if (!settings.containsKey("SETTLE_HOME")) {
      throw new IllegalStateException("bin/settle env printed no SETTLE_HOME");
    }
    return settings;
  }

  /** {@code bin/settle <args>}; its output, or an exception holding the output if it fails. */
  public String settle(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = repo.resolve("bin/settle").toString();
    System.arraycopy(args, 0, command, 1, args.length);
    return run(DEFAULT_TIMEOUT, command);
  }

  /**
   * Runs the command in the repository and returns its output (stdout and stderr); throws with that
   * output if it exits non-zero or outlives the timeout (then it is killed).
   */
  public String run(Duration timeout, String... command) {
    try {
      // A file, not a pipe: a part that bin/settle starts in the background inherits the output and
      // would keep a pipe open long after the command itself returned.
      Path log = Files.createTempFile("settle-command", ".log");
      try {
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile());
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
          process.destroyForcibly();
        }
        String output = Files.readString(log);
        if (!finished) {
          throw new IllegalStateException(
              String.join(" ", command) + " timed out after " + timeout + ":\n" + output);
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
      throw new IllegalStateException("could not run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
    }
  }
}
