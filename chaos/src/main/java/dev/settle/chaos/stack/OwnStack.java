package dev.settle.chaos.stack;

import dev.settle.stackkit.LocalStack;
import dev.settle.stackkit.StackTarget;
import java.nio.file.Path;
import java.util.Map;
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

  /**
   * The breaker stays on, tuned to open on bursts only: the schedule's average fault rate is near
   * 50 %, so the production threshold (50 % of 10 calls) would keep it open most of the run, while
   * at 80 % of the last 20 it opens when a batch of rules or a process fault piles failures up. Its
   * fast "not executed" answers then meet calls lost with a killed worker, which is how ScaleOutIT
   * once saw a FAILED payment with the money moved.
   */
  static final Map<String, String> BURST_BREAKER =
      Map.of(
          "SETTLE_BREAKER_MIN_CALLS", "20",
          "SETTLE_BREAKER_WINDOW", "20",
          "SETTLE_BREAKER_FAILURE_RATE", "80",
          "SETTLE_BREAKER_OPEN_WAIT", "2s");

  private final LocalStack stack;

  private OwnStack(LocalStack stack) {
    this.stack = stack;
  }

  public static OwnStack create(Path repo, Path home) {
    Map<String, String> env = LocalStack.quickReconciliation(RECONCILE_HORIZON);
    env.putAll(BURST_BREAKER);
    String tools = System.getenv("SETTLE_TOOLS");
    if (tools != null) {
      env.put("SETTLE_TOOLS", tools);
    }
    // A JVM takes a minute or more to start on a 2-core machine that other builds share.
    env.put("SETTLE_JAVA_START_TIMEOUT", "300");
    env.put("SETTLE_START_TIMEOUT", "180");
    env.put("SETTLE_JAVA_OPTS", System.getenv().getOrDefault("SETTLE_JAVA_OPTS", "-Xmx320m"));
    return new OwnStack(LocalStack.create(repo, home, env));
  }

  public StackTarget target() {
    return stack.target();
  }

  /** Starts it from an empty state folder; if that fails, stops whatever part did start. */
  public OwnStack up() {
    log.info("starting a stack of its own in {} (bin/settle up)", stack.home());
    stack.up();
    return this;
  }

  @Override
  public void close() {
    log.info("stopping the stack (bin/settle down)");
    stack.close();
  }
}
