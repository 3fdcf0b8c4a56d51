package dev.settle.stackkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole Settle stack of its own, started through the real front door ({@code bin/settle up}) on
 * free loopback ports with its own state folder, and stopped with {@code bin/settle down}.
 */
public final class LocalStack implements AutoCloseable {
  /** The SETTLE_* variables that name a listening port; each gets a free one. */
  public static final List<String> PORT_VARIABLES =
      List.of(
          "SETTLE_GATEWAY_PORT",
          "SETTLE_UPSTREAM_PORT",
          "SETTLE_WORKER_PORT",
          "SETTLE_TEMPORAL_PORT",
          "SETTLE_TEMPORAL_UI_PORT",
          "SETTLE_PG_PORT",
          "SETTLE_PROMETHEUS_PORT");

  private final Path home;
  private final SettleCommand command;
  private StackTarget target;

  private LocalStack(Path home, SettleCommand command) {
    this.home = home;
    this.command = command;
  }

  /**
   * Settings for a stack that tests ambiguous paths: a short upstream read timeout and
   * reconciliation in seconds (lookups every 0.5-2 s, 3 s before "not found" counts), so UNKNOWN
   * operations settle quickly; the breaker is kept closed, because a test's fault rate is far above
   * its threshold and an open breaker would turn the faults into fast "not executed" answers.
   *
   * @param horizon how long an operation may stay UNKNOWN before it goes to MANUAL_REVIEW
   */
  public static Map<String, String> quickReconciliation(String horizon) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("SETTLE_UPSTREAM_READ_TIMEOUT", "1500ms");
    settings.put("SETTLE_RECONCILE_INITIAL_BACKOFF", "500ms");
    settings.put("SETTLE_RECONCILE_MAX_BACKOFF", "2s");
    settings.put("SETTLE_RECONCILE_NOT_FOUND_GRACE", "3s");
    settings.put("SETTLE_RECONCILE_HORIZON", horizon);
    // Both: resilience4j (2.4.0) judges a count-based window once it is full even when the
    // minimum number of calls is larger, so min-calls 1000 alone left the breaker at 50 % of 20.
    settings.put("SETTLE_BREAKER_WINDOW", "1000");
    settings.put("SETTLE_BREAKER_MIN_CALLS", "1000");
    return settings;
  }

  /**
   * A stack with its state in {@code home}, bound to 127.0.0.1 on free ports, using the jars
   * already built (SETTLE_NO_BUILD); {@code settings} (more SETTLE_* variables) come on top.
   */
  public static LocalStack create(Path repo, Path home, Map<String, String> settings) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SETTLE_HOME", home.toAbsolutePath().normalize().toString());
    env.put("SETTLE_BIND", "127.0.0.1");
    for (String port : PORT_VARIABLES) {
      env.put(port, Integer.toString(LoopbackPorts.free()));
    }
    env.put("SETTLE_NO_BUILD", "1");
    env.putAll(settings);
    return new LocalStack(home, new SettleCommand(repo, env));
  }

  /**
   * Starts it from an empty state folder (a previous run's state, maybe still running, is purged
   * first); if the start fails, stops whatever part did start before rethrowing.
   */
  public LocalStack up() {
    if (Files.isDirectory(home)) {
      command.settle("purge");
    }
    try {
      command.settle("up");
    } catch (RuntimeException failed) {
      try {
        command.settle("down");
      } catch (RuntimeException alsoFailed) {
        failed.addSuppressed(alsoFailed);
      }
      throw failed;
    }
    return this;
  }

  public String settle(String... args) {
    return command.settle(args);
  }

  public SettleCommand command() {
    return command;
  }

  public Map<String, String> env() {
    return command.env();
  }

  public Path repo() {
    return command.repo();
  }

  public Path home() {
    return home;
  }

  /**
   * Where its parts listen, its folders and jars, as {@code bin/settle env} resolves them for this
   * stack's environment; read once, on first use.
   */
  public synchronized StackTarget target() {
    if (target == null) {
      target = StackTarget.of(command);
    }
    return target;
  }

  @Override
  public void close() {
    command.settle("down");
  }
}
