package dev.settle.activities.upstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.settle.activities.upstream.UpstreamClient.Answer;
import dev.settle.workflows.payment.PaymentActivities;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/**
 * What every upstream activity needs around a call: JSON in and out, keys in paths, and the
 * retryable failure (with our jittered delay) for calls that definitely did not execute.
 */
@Component
public class UpstreamCalls {
  private final UpstreamClient upstream;
  private final UpstreamProperties properties;
  private final ObjectMapper json;

  public UpstreamCalls(UpstreamClient upstream, UpstreamProperties properties, ObjectMapper json) {
    this.upstream = upstream;
    this.properties = properties;
    this.json = json;
  }

  /** A mutating POST with the idempotency key, through the named upstream's breaker. */
  public Answer post(String upstreamName, String path, String idempotencyKey, Object body) {
    HttpRequest request =
        upstream
            .request(path)
            .header("Idempotency-Key", idempotencyKey)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(write(body)))
            .build();
    return upstream.callGuarded(upstreamName, request);
  }

  /** A read-only status GET, without the breaker (reconciliation paces these itself). */
  public Answer get(String path) {
    return upstream.call(upstream.request(path).GET().build());
  }

  public static String keyInPath(String key) {
    return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Retryable: the call definitely did not execute. The delay is ours, jittered. */
  public ApplicationFailure notExecuted(Answer answer) {
    int attempt = Activity.getExecutionContext().getInfo().getAttempt();
    return ApplicationFailure.newBuilder()
        .setType(PaymentActivities.UPSTREAM_UNAVAILABLE)
        .setMessage("upstream did not execute the call: " + answer.describe())
        .setNextRetryDelay(
            RetryDelays.jittered(
                attempt, properties.retryInitialDelay(), properties.retryMaxDelay()))
        .build();
  }

  public String field(String body, String name) {
    JsonNode node = parse(body);
    return node == null ? null : node.path(name).asText(null);
  }

  /** "HTTP 409: detail" from a problem body, for the evidence trail. */
  public String rejection(Answer answer) {
    String detail = field(answer.body(), "detail");
    return "HTTP " + answer.status() + (detail == null ? "" : ": " + detail);
  }

  private JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return json.readTree(body);
    } catch (JsonProcessingException notJson) {
      return null;
    }
  }

  private String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
