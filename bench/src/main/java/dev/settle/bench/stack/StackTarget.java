package dev.settle.bench.stack;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the running stack listens, as {@code bin/settle env} resolves it from the SETTLE_*
 * variables. The bench only ever talks to loopback addresses: it refuses any other target.
 *
 * @param home the stack's SETTLE_HOME (pid files, logs)
 * @param temporalTarget host:port of the Temporal frontend
 * @param namespace the Temporal namespace
 */
public record StackTarget(
    Path home, URI gateway, URI upstream, String temporalTarget, String namespace) {

  public StackTarget {
    requireLoopback(gateway.getHost());
    requireLoopback(upstream.getHost());
    requireLoopback(temporalTarget.substring(0, temporalTarget.lastIndexOf(':')));
  }

  /**
   * The stack {@code bin/settle env} describes: its settings, resolved by the script from the
   * SETTLE_* environment, so the bench repeats none of its defaults.
   */
  public static StackTarget fromSettings(Map<String, String> settings) {
    String host = required(settings, "SETTLE_CONNECT_HOST");
    return new StackTarget(
        Path.of(required(settings, "SETTLE_HOME")).toAbsolutePath(),
        URI.create("http://" + host + ":" + port(settings, "SETTLE_GATEWAY_PORT")),
        URI.create("http://" + host + ":" + port(settings, "SETTLE_UPSTREAM_PORT")),
        host + ":" + port(settings, "SETTLE_TEMPORAL_PORT"),
        settings.getOrDefault("SETTLE_TEMPORAL_NAMESPACE", "default"));
  }

  public Path runDir() {
    return home.resolve("run");
  }

  public Path logDir() {
    return home.resolve("logs");
  }

  private static String required(Map<String, String> settings, String name) {
    String value = settings.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is missing from bin/settle env");
    }
    return value;
  }

  private static String port(Map<String, String> settings, String name) {
    String value = required(settings, name);
    if (!value.matches("[0-9]{1,5}")) {
      throw new IllegalArgumentException(name + " must be a port number, was '" + value + "'");
    }
    return value;
  }

  private static void requireLoopback(String host) {
    try {
      for (InetAddress address : InetAddress.getAllByName(host.replaceAll("^\\[|]$", ""))) {
        if (!address.isLoopbackAddress()) {
          throw new IllegalArgumentException(
              "the bench only sends load to loopback addresses; " + host + " is " + address);
        }
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("unknown host " + host, e);
    }
  }
}
