package dev.settle.stackkit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One stack as its callers reach it: where its parts listen, its state folders, tools and jars, all
 * as {@code bin/settle env} resolves them (so no caller repeats the script's defaults), and {@code
 * bin/settle} run with the same SETTLE_* environment, so that {@code kill worker} or {@code stop
 * temporal} hit this stack and no other.
 */
public final class StackTarget {
  private final SettleCommand command;
  private final Map<String, String> settings;

  StackTarget(SettleCommand command, Map<String, String> settings) {
    this.command = command;
    this.settings = Map.copyOf(settings);
    required("SETTLE_HOME");
    required("SETTLE_CONNECT_HOST");
  }

  /** The stack the command's environment describes (it need not be running yet). */
  public static StackTarget of(SettleCommand command) {
    return new StackTarget(command, command.settings());
  }

  /**
   * The stack the SETTLE_* variables of this process describe: the ones it was started with, unset
   * ones taking bin/settle's defaults.
   */
  public static StackTarget fromEnvironment(Path repo) {
    return of(new SettleCommand(repo, Map.of()));
  }

  /**
   * This target, after checking that every part it sends requests to listens on a loopback address:
   * for a load generator, which must never be pointed at someone else's machine.
   */
  public StackTarget requireLoopback() {
    String host = host();
    try {
      for (InetAddress address : InetAddress.getAllByName(host.replaceAll("^\\[|]$", ""))) {
        if (!address.isLoopbackAddress()) {
          throw new IllegalArgumentException(
              "only a stack on a loopback address may be targeted; " + host + " is " + address);
        }
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("unknown host " + host, e);
    }
    return this;
  }

  public SettleCommand command() {
    return command;
  }

  /** Runs {@code bin/settle <args>} against this stack; throws with its output if it fails. */
  public String settle(String... args) {
    return command.settle(args);
  }

  public Path repo() {
    return command.repo();
  }

  /** One of the settings {@code bin/settle env} printed; throws if it printed none of that name. */
  public String setting(String name) {
    return required(name);
  }

  public Path home() {
    return Path.of(required("SETTLE_HOME"));
  }

  /** The parts' pid files. */
  public Path runDir() {
    return Path.of(required("SETTLE_RUN"));
  }

  public Path logDir() {
    return Path.of(required("SETTLE_LOGS"));
  }

  /** Where {@code bin/settle install} puts the Temporal CLI, PostgreSQL and the test tools. */
  public Path tools() {
    return Path.of(required("SETTLE_TOOLS"));
  }

  /** The address a client uses to reach the stack's servers (loopback when bound to all). */
  public String host() {
    return required("SETTLE_CONNECT_HOST");
  }

  /** The port a SETTLE_*_PORT variable resolved to. */
  public int port(String portVariable) {
    String value = required(portVariable);
    if (!value.matches("[0-9]{1,5}")) {
      throw new IllegalArgumentException(
          portVariable + " must be a port number, was '" + value + "'");
    }
    return Integer.parseInt(value);
  }

  /** {@code http://host:port} of the part listening on the port the variable names. */
  public String url(String portVariable) {
    return "http://" + host() + ":" + port(portVariable);
  }

  public String gatewayUrl() {
    return url("SETTLE_GATEWAY_PORT");
  }

  public String upstreamUrl() {
    return url("SETTLE_UPSTREAM_PORT");
  }

  public String workerUrl() {
    return url("SETTLE_WORKER_PORT");
  }

  /** host:port of the Temporal frontend. */
  public String temporalAddress() {
    return required("SETTLE_TEMPORAL_ADDRESS");
  }

  /** The Temporal namespace the gateway and the worker use. */
  public String namespace() {
    return required("SETTLE_TEMPORAL_NAMESPACE");
  }

  /** A database ({@code settle}, {@code upstream}, ...) on the stack's PostgreSQL. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host() + ":" + port("SETTLE_PG_PORT") + "/" + database;
  }

  /**
   * The jar {@code bin/settle} runs for a Java part: {@code gateway}, {@code worker} or {@code
   * upstream}.
   */
  public Path jar(String part) {
    return Path.of(required("SETTLE_JAR_" + part.toUpperCase(java.util.Locale.ROOT)));
  }

  private String required(String name) {
    String value = settings.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is missing from bin/settle env");
    }
    return value;
  }
}
