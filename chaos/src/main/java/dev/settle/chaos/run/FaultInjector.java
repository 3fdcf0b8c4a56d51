package dev.settle.chaos.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.settle.chaos.schedule.FaultPlan;
import dev.settle.chaos.schedule.StatusWindow;
import dev.settle.stackkit.http.UpstreamAdmin;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the schedule's fault rules on upstream-sim and counts how often each really fired.
 * upstream-sim can only drop all rules at once, so closing a window (status lookups down, or an
 * outage of every mutating call) harvests the counts, clears the rules and puts back what the other
 * rules had left.
 */
final class FaultInjector implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FaultInjector.class);

  private final UpstreamAdmin admin;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "chaos-status-windows");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * Rules now installed, by id: their mode and the count they were installed with (null:
   * unlimited).
   */
  private final Map<String, Installed> installed = new LinkedHashMap<>();

  private final Map<String, Long> fired = new TreeMap<>();

  /** How many windows of each kind are open now, by label (status, outage). */
  private final Map<String, Integer> openWindows = new HashMap<>();

  private record Installed(String mode, Integer count, String json) {}

  FaultInjector(UpstreamAdmin admin) {
    this.admin = admin;
  }

  synchronized void install(Iterable<FaultPlan> rules) {
    for (FaultPlan rule : rules) {
      add(rule.mode(), rule.count(), rule.json());
    }
  }

  /** Every status lookup answers 503 until the window closes. */
  synchronized void open(StatusWindow window) {
    openWindow(FaultPlan.STATUS_UNAVAILABLE, FaultPlan.STATUS_UNAVAILABLE);
    log.info("status window open for {} ms", window.durationMs());
    timer.schedule(
        () -> closeWindow(FaultPlan.STATUS_UNAVAILABLE),
        window.durationMs(),
        TimeUnit.MILLISECONDS);
  }

  /**
   * Every mutating call answers 503 before anything is applied (replays of committed keys too)
   * until {@link #endOutageIn}: the upstream is down, and so is the breaker soon after.
   */
  synchronized void startOutage() {
    openWindow(FaultPlan.OUTAGE, FaultPlan.FAIL_BEFORE_COMMIT);
    log.info("upstream outage: every mutating call fails before commit");
  }

  synchronized void endOutageIn(long millis) {
    timer.schedule(() -> closeWindow(FaultPlan.OUTAGE), millis, TimeUnit.MILLISECONDS);
  }

  /** A rule without a count, counted under {@code label}, until its window closes. */
  private void openWindow(String label, String mode) {
    openWindows.merge(label, 1, Integer::sum);
    add(label, null, "{\"mode\":\"" + mode + "\"}");
  }

  private synchronized void closeWindow(String label) {
    try {
      openWindows.merge(label, -1, Integer::sum);
      Map<String, Integer> left = harvest();
      admin.clearFaults();
      Map<String, Installed> before = new LinkedHashMap<>(installed);
      installed.clear();
      Map<String, Integer> windows = new HashMap<>();
      for (Map.Entry<String, Installed> rule : before.entrySet()) {
        Installed was = rule.getValue();
        if (openWindows.containsKey(was.mode())) {
          // Another window of this kind is still open.
          if (windows.merge(was.mode(), 1, Integer::sum) <= openWindows.get(was.mode())) {
            add(was.mode(), null, was.json());
          }
          continue;
        }
        Integer remaining = left.get(rule.getKey());
        if (remaining != null && remaining > 0) {
          add(was.mode(), remaining, withCount(was.json(), remaining));
        }
      }
      log.info("{} window closed", label);
    } catch (RuntimeException e) {
      log.warn("could not close a {} window cleanly: {}", label, e.getMessage());
    }
  }

  /** Counts every firing so far and removes every rule: the run is over or about to settle. */
  synchronized Map<String, Long> clearAll() {
    harvest();
    admin.clearFaults();
    installed.clear();
    timer.shutdownNow();
    return Map.copyOf(fired);
  }

  private void add(String mode, Integer count, String json) {
    installed.put(admin.addFault(json), new Installed(mode, count, json));
  }

  /**
   * Adds what each installed rule fired to the totals and forgets it; returns the count each still
   * had left. A rule that used up its count is gone from upstream-sim's list.
   */
  private Map<String, Integer> harvest() {
    Map<String, JsonNode> listed = new HashMap<>();
    admin.faults().forEach(rule -> listed.put(rule.path("id").asText(), rule));
    Map<String, Integer> left = new HashMap<>();
    for (Map.Entry<String, Installed> rule : installed.entrySet()) {
      JsonNode now = listed.get(rule.getKey());
      Installed was = rule.getValue();
      long firings =
          now != null ? now.path("fired").asLong() : (was.count() == null ? 0 : was.count());
      fired.merge(was.mode(), firings, Long::sum);
      if (now != null && !now.path("count").isNull()) {
        left.put(rule.getKey(), now.path("count").asInt());
      }
    }
    return left;
  }

  private static String withCount(String json, int count) {
    return json.replaceFirst("\"count\":\\d+", "\"count\":" + count);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
