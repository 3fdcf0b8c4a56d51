package dev.settle.chaos.stack;

import dev.settle.stackkit.SettleCommand;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stack a chaos run drives and checks: where its parts listen, and {@code bin/settle} run with
 * the same SETTLE_* environment, so that {@code kill worker} or {@code stop temporal} hit this
 * stack and no other.
 */
public final class StackTarget {
  private final SettleCommand command;

  public StackTarget(SettleCommand command) {
    this.command = command;
  }

  /**
   * An already running stack, described by the SETTLE_* variables of this process (the ones it was
   * started with; unset ones take bin/lib/config.sh's defaults).
   */
  public static StackTarget fromEnvironment(Path repo) {
    Map<String, String> env = new LinkedHashMap<>();
    System.getenv()
        .forEach(
            (name, value) -> {
              if (name.startsWith("SETTLE_")) {
                env.put(name, value);
              }
            });
    return new StackTarget(new SettleCommand(repo, env));
  }

  public Path repo() {
    return command.repo();
  }

  public Map<String, String> env() {
    return command.env();
  }

  private String port(String name, String fallback) {
    return env().getOrDefault(name, fallback);
  }

  private String host() {
    String bind = env().getOrDefault("SETTLE_BIND", "127.0.0.1");
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
    return command.settle(args);
  }
}
