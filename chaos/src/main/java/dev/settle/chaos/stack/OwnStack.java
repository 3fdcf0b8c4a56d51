package dev.settle.chaos.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stack of the chaos run's own, started through the real front door ({@code bin/settle up}) on
 * free loopback ports with its own state folder, and stopped with {@code bin/settle down}.
 * Reconciliation is shortened (as in e2e's SettleStack) so that ambiguous operations settle in
 * seconds; the horizon stays well above the longest outage the schedule causes (a status window or
 * a process restart), so that nothing it does is unresolvable.
 */
public final class OwnStack implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OwnStack.class);

  /**
   * How long an operation may stay UNKNOWN before it goes to MANUAL_REVIEW, on this stack. A killed
   * worker is back after its JVM start plus the activity timeout of what it was running: up to
   * about two minutes on a loaded 2-core machine, so the horizon is well above that.
   */
  public static final String RECONCILE_HORIZON = "300s";

  private final StackTarget target;
  private final Path home;

  private OwnStack(Path repo, Path home, Map<String, String> env) {
    this.home = home;
    this.target = new StackTarget(repo, env);
  }

  public static OwnStack create(Path repo, Path home) {
    Map<String, String> env = new LinkedHashMap<>();
    String tools = System.getenv("SETTLE_TOOLS");
    if (tools != null) {
      env.put("SETTLE_TOOLS", tools);
    }
    env.put("SETTLE_HOME", home.toString());
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
    // A JVM takes a minute or more to start on a 2-core machine that other builds share.
    env.put("SETTLE_JAVA_START_TIMEOUT", "300");
    env.put("SETTLE_START_TIMEOUT", "180");
    env.put("SETTLE_JAVA_OPTS", System.getenv().getOrDefault("SETTLE_JAVA_OPTS", "-Xmx320m"));
    env.put("SETTLE_UPSTREAM_READ_TIMEOUT", "1500ms");
    env.put("SETTLE_RECONCILE_INITIAL_BACKOFF", "500ms");
    env.put("SETTLE_RECONCILE_MAX_BACKOFF", "2s");
    env.put("SETTLE_RECONCILE_NOT_FOUND_GRACE", "3s");
    env.put("SETTLE_RECONCILE_HORIZON", RECONCILE_HORIZON);
    // As in e2e: the schedule's fault rate is far above the breaker's threshold, and an open
    // breaker would turn most of the run into fast "upstream-unavailable" failures.
    env.put("SETTLE_BREAKER_MIN_CALLS", "1000");
    return new OwnStack(repo, home, env);
  }

  public StackTarget target() {
    return target;
  }

  /** Starts it from an empty state folder; if that fails, stops whatever part did start. */
  public OwnStack up() {
    if (Files.isDirectory(home)) {
      target.settle("purge"); // a previous run's state, maybe still running
    }
    log.info("starting a stack of its own in {} (bin/settle up)", home);
    try {
      target.settle("up");
    } catch (RuntimeException failed) {
      try {
        target.settle("down");
      } catch (RuntimeException alsoFailed) {
        failed.addSuppressed(alsoFailed);
      }
      throw failed;
    }
    return this;
  }

  @Override
  public void close() {
    log.info("stopping the stack (bin/settle down)");
    target.settle("down");
  }

  /**
   * A free port below Linux's ephemeral range (32768+), so that no process binding "any port"
   * can take it between now and its use.
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
