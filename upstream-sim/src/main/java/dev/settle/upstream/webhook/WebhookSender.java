package dev.settle.upstream.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Calls Settle back when a payment settles: {@code POST} the settlement as JSON, signed with {@code
 * Settle-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>." + body>}. Asynchronous (the
 * charge's answer never waits for it), after the commit, retried with doubling backoff until a 2xx
 * or {@code maxAttempts}; each attempt is signed afresh so a late retry is not stale. The event id
 * stays the same across retries. Kept in memory: a restart loses pending webhooks, which is what
 * the statement is for.
 */
@Component
public class WebhookSender {
  public static final String SIGNATURE_HEADER = "Settle-Signature";
  private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
  private static final int HISTORY = 500;

  private final WebhookProperties properties;
  private final ObjectMapper json;
  private final HttpClient http;
  private final ScheduledExecutorService scheduler =
      Executors.newScheduledThreadPool(
          2,
          r -> {
            Thread thread = new Thread(r, "webhook-sender");
            thread.setDaemon(true);
            return thread;
          });
  private final Deque<Delivery> deliveries = new ArrayDeque<>();
  private volatile boolean enabled;
  private volatile Duration delay;

  public WebhookSender(WebhookProperties properties, ObjectMapper json) {
    this.properties = properties;
    this.json = json;
    this.enabled = properties.enabled();
    this.delay = properties.delay();
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(properties.timeout())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    log.info(
        "webhooks: {}",
        properties.configured()
            ? "to " + properties.url() + (enabled ? "" : " (switched off)")
            : "off (no url or secret)");
  }

  /** The admin view and switch. */
  public record Settings(boolean configured, boolean enabled, long delayMs, String url) {}

  /** One webhook and how its delivery went. */
  public static final class Delivery {
    private final String eventId;
    private final String key;
    private volatile int attempts;
    private volatile String state = "PENDING";
    private volatile String lastResult;

    Delivery(String eventId, String key) {
      this.eventId = eventId;
      this.key = key;
    }

    public Map<String, Object> view() {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("eventId", eventId);
      view.put("key", key);
      view.put("state", state);
      view.put("attempts", attempts);
      view.put("lastResult", lastResult);
      return view;
    }
  }

  public Settings settings() {
    return new Settings(
        properties.configured(),
        enabled,
        delay.toMillis(),
        properties.url() == null ? null : properties.url().toString());
  }

  public Settings switchTo(Boolean enabled, Long delayMs) {
    if (enabled != null) {
      this.enabled = enabled;
    }
    if (delayMs != null) {
      if (delayMs < 0) {
        throw new IllegalArgumentException("delayMs must not be negative");
      }
      this.delay = Duration.ofMillis(delayMs);
    }
    log.info("webhooks switched: {}", settings());
    return settings();
  }

  public List<Map<String, Object>> deliveries() {
    synchronized (deliveries) {
      return new ArrayList<>(deliveries).stream().map(Delivery::view).toList();
    }
  }

  /** Called after the charge committed; returns at once. */
  public void settled(Settlement settlement) {
    if (!properties.configured() || !enabled) {
      return;
    }
    byte[] body;
    String eventId = "evt_" + settlement.paymentId();
    try {
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("id", eventId);
      event.put("type", "payment.settled");
      event.put("idempotencyKey", settlement.key());
      event.put("paymentId", settlement.paymentId());
      event.put("amount", settlement.amount().toPlainString());
      event.put("currency", settlement.currency());
      event.put("status", Settlement.SETTLED);
      event.put("settledAt", settlement.settledAt().toString());
      body = json.writeValueAsBytes(event);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
    Delivery delivery = new Delivery(eventId, settlement.key());
    synchronized (deliveries) {
      deliveries.addLast(delivery);
      while (deliveries.size() > HISTORY) {
        deliveries.removeFirst();
      }
    }
    schedule(delivery, body, delay);
  }

  private void schedule(Delivery delivery, byte[] body, Duration after) {
    scheduler.schedule(() -> attempt(delivery, body), after.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void attempt(Delivery delivery, byte[] body) {
    delivery.attempts++;
    long timestamp = Instant.now().getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(properties.url())
            .timeout(properties.timeout())
            .header("Content-Type", "application/json")
            .header(SIGNATURE_HEADER, signature(properties.secret(), timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    boolean retry;
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      delivery.lastResult = "HTTP " + response.statusCode();
      if (response.statusCode() / 100 == 2) {
        delivery.state = "DELIVERED";
        log.info(
            "webhook {} for {} delivered: {}", delivery.eventId, delivery.key, response.body());
        return;
      }
      // A refusal of the body itself will not change; anything else (401 while secrets rotate,
      // 429, 5xx) may.
      retry = response.statusCode() != 400 && response.statusCode() != 422;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      delivery.state = "FAILED";
      return;
    } catch (Exception e) {
      delivery.lastResult = e.toString();
      retry = true;
    }
    if (!retry || delivery.attempts >= properties.maxAttempts()) {
      delivery.state = "FAILED";
      log.warn(
          "webhook {} for {} given up after {} attempt(s): {}",
          delivery.eventId,
          delivery.key,
          delivery.attempts,
          delivery.lastResult);
      return;
    }
    log.info(
        "webhook {} attempt {} failed ({}), retrying",
        delivery.eventId,
        delivery.attempts,
        delivery.lastResult);
    schedule(delivery, body, backoff(delivery.attempts));
  }

  private Duration backoff(int attemptsSoFar) {
    long millis = properties.initialBackoff().toMillis() << Math.min(attemptsSoFar - 1, 20);
    return Duration.ofMillis(Math.min(millis, properties.maxBackoff().toMillis()));
  }

  static String signature(String secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  @PreDestroy
  void stop() {
    scheduler.shutdownNow();
  }
}
