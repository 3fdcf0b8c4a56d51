package dev.settle.bench.stack;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the running stack listens, read from the same SETTLE_* variables {@code bin/settle} uses.
 * The bench only ever talks to loopback addresses: it refuses any other target.
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

  public static StackTarget fromEnvironment(Map<String, String> env) {
    String host = connectHost(env.getOrDefault("SETTLE_BIND", "127.0.0.1"));
    String home = env.get("SETTLE_HOME");
    if (home == null || home.isBlank()) {
      throw new IllegalArgumentException(
          "SETTLE_HOME is not set: which stack should the bench measure?");
    }
    return new StackTarget(
        Path.of(home).toAbsolutePath(),
        URI.create("http://" + host + ":" + port(env, "SETTLE_GATEWAY_PORT", "8080")),
        URI.create("http://" + host + ":" + port(env, "SETTLE_UPSTREAM_PORT", "8089")),
        host + ":" + port(env, "SETTLE_TEMPORAL_PORT", "7233"),
        env.getOrDefault("SETTLE_TEMPORAL_NAMESPACE", "default"));
  }

  public Path runDir() {
    return home.resolve("run");
  }

  public Path logDir() {
    return home.resolve("logs");
  }

  /** The address a client uses to reach a server bound to SETTLE_BIND (as bin/lib/config.sh). */
  private static String connectHost(String bind) {
    return switch (bind) {
      case "0.0.0.0", "::", "[::]" -> "127.0.0.1";
      default -> bind;
    };
  }

  private static String port(Map<String, String> env, String name, String fallback) {
    String value = env.getOrDefault(name, fallback);
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
