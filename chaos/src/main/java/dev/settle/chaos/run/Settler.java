package dev.settle.chaos.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.settle.stackkit.http.GatewayClient;
import dev.settle.stackkit.http.Http;
import dev.settle.stackkit.http.Http.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits, within a bound, until every operation of the run has an outcome: CONFIRMED or FAILED, or
 * MANUAL_REVIEW (which no waiting changes). What it last saw of each is kept for the checker.
 */
public final class Settler {
  private static final Logger log = LoggerFactory.getLogger(Settler.class);
  static final Set<String> SETTLED = Set.of("CONFIRMED", "FAILED", "MANUAL_REVIEW");

  private final GatewayClient gateway;
  private final int parallelism;

  public Settler(GatewayClient gateway, int parallelism) {
    this.gateway = gateway;
    this.parallelism = parallelism;
  }

  /**
   * @return the last view of each key: the operation's body, or a null node when the gateway did
   *     not know the key (404)
   */
  public Map<String, JsonNode> settle(Collection<String> keys, Duration within)
      throws InterruptedException {
    Map<String, JsonNode> last = new ConcurrentHashMap<>();
    List<String> open = new ArrayList<>(keys);
    long deadline = System.nanoTime() + within.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    try {
      while (!open.isEmpty()) {
        List<Future<?>> round = new ArrayList<>();
        for (String key : open) {
          round.add(
              pool.submit(
                  () -> {
                    Answer answer = gateway.operation(key);
                    if (answer.status() == 200) {
                      last.put(key, answer.body());
                    } else if (answer.status() == 404) {
                      last.put(key, Http.JSON.nullNode());
                    }
                  }));
        }
        for (Future<?> f : round) {
          try {
            f.get();
          } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
          }
        }
        open.removeIf(key -> settled(last.get(key)));
        if (open.isEmpty() || System.nanoTime() > deadline) {
          break;
        }
        log.info("waiting for {} operation(s) to settle, e.g. {}", open.size(), open.get(0));
        Thread.sleep(2000);
      }
    } finally {
      pool.shutdownNow();
    }
    if (!open.isEmpty()) {
      log.warn("{} operation(s) not settled within {}", open.size(), within);
    }
    return Map.copyOf(last);
  }

  private static boolean settled(JsonNode view) {
    return view != null && (view.isNull() || SETTLED.contains(view.path("status").asText()));
  }
}
