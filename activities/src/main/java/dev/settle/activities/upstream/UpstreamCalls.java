package dev.settle.activities.upstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.settle.activities.upstream.UpstreamClient.Answer;
import dev.settle.workflows.payment.PaymentActivities;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What every upstream activity needs around a call: JSON in and out, keys in paths, the journal
 * that lets a later attempt know what earlier ones sent, and the retryable failure (with our
 * jittered delay) for calls that definitely did not execute.
 */
@Component
public class UpstreamCalls {
  private static final Logger log = LoggerFactory.getLogger(UpstreamCalls.class);
  private final UpstreamClient upstream;
  private final UpstreamProperties properties;
  private final ObjectMapper json;
  private final CallJournal journal;

  public UpstreamCalls(
      UpstreamClient upstream,
      UpstreamProperties properties,
      ObjectMapper json,
      CallJournal journal) {
    this.upstream = upstream;
    this.properties = properties;
    this.json = json;
    this.journal = journal;
  }

  /** A mutating POST with the idempotency key, through the named upstream's breaker. */
  public Answer post(String upstreamName, String path, String idempotencyKey, Object body) {
    return post(upstreamName, path, idempotencyKey, body, null, 0);
  }

  /**
   * {@link #post(String, String, String, Object)} as part of a call the workflow names: {@code
   * callId} is shared by a local try and the activity that takes over from it, whose attempts
   * follow on after {@code attemptsBefore}; a null {@code callId} is the activity's own identity.
   */
  public Answer post(
      String upstreamName,
      String path,
      String idempotencyKey,
      Object body,
      String callId,
      int attemptsBefore) {
    return post(currentCall(upstreamName, path, idempotencyKey, callId, attemptsBefore), body);
  }

  /** {@link #post(String, String, String, Object)} for a given attempt, outside an activity. */
  Answer post(CallJournal.Call call, Object body) {
    String upstreamName = call.upstream();
    HttpRequest request =
        upstream
            .request(call.path())
            .header("Idempotency-Key", call.idempotencyKey())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(write(body)))
            .build();
    AtomicBoolean left = new AtomicBoolean();
    AtomicBoolean sentBefore = new AtomicBoolean();
    Answer answer =
        upstream.callGuarded(
            upstreamName,
            request,
            () -> {
              sentBefore.set(!journal.sent(call));
              left.set(true);
            });
    if (sentBefore.get()) {
      // The answer to this request says nothing of the first one: that one stays unanswered, so
      // the activity taking over from this try learns that the upstream may have acted on it.
      log.warn(
          "{} attempt {} was sent again (its first sender was lost): {}",
          call.idempotencyKey(),
          call.attempt(),
          answer.describe());
    } else if (left.get()) {
      journal.answered(call, answer.outcome(), answer.describe());
    }
    return answer.outcome() == CallOutcome.NOT_EXECUTED
        ? inLightOfEarlierAttempts(call, answer)
        : answer;
  }

  /**
   * "Did not execute" speaks for this attempt only. When an earlier attempt of the same activity
   * sent its request and was never answered (its worker died, or Temporal timed it out while it
   * waited), the upstream may have acted on that one: the honest answer is then ambiguous, so the
   * workflow asks the upstream instead of declaring the operation failed.
   */
  private Answer inLightOfEarlierAttempts(CallJournal.Call call, Answer answer) {
    if (call.attempt() <= 1) {
      return answer;
    }
    OptionalInt earlier = journal.earlierAttemptThatMayHaveActed(call);
    if (earlier.isEmpty()) {
      return answer;
    }
    log.warn(
        "{} attempt {}: {}; attempt {} was sent and never answered, so the upstream may have acted",
        call.idempotencyKey(),
        call.attempt(),
        answer.describe(),
        earlier.getAsInt());
    return new Answer(
        CallOutcome.AMBIGUOUS,
        answer.status(),
        answer.body(),
        "attempt "
            + earlier.getAsInt()
            + " was sent and never answered; attempt "
            + call.attempt()
            + ": "
            + answer.describe());
  }

  private static CallJournal.Call currentCall(
      String upstreamName, String path, String key, String callId, int attemptsBefore) {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    return new CallJournal.Call(
        callId != null
            ? callId
            : info.getWorkflowId() + "/" + info.getRunId() + "/" + info.getActivityId(),
        attemptsBefore + info.getAttempt(),
        upstreamName,
        path,
        key);
  }

  /** A read-only status GET, without the breaker (reconciliation paces these itself). */
  public Answer get(String path) {
    return upstream.call(upstream.request(path).GET().build());
  }

  public static String keyInPath(String key) {
    return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Retryable: the call definitely did not execute. The delay is ours, jittered, and never shorter
   * than the time the upstream is known to refuse anyway (an open breaker's wait).
   */
  public ApplicationFailure notExecuted(Answer answer) {
    return retryable(
        PaymentActivities.UPSTREAM_UNAVAILABLE,
        "upstream did not execute the call: " + answer.describe(),
        answer);
  }

  /**
   * Retryable like {@link #notExecuted}: the upstream says Settle is misconfigured, so it did not
   * act; an operator can fix the configuration while the horizon lasts (the worker's metrics alert
   * on it), and past the horizon the workflow hands the operation to an operator.
   */
  public ApplicationFailure misconfigured(Answer answer) {
    log.error(
        "the upstream refused the call as misconfigured on our side: {} {}",
        answer.describe(),
        answer.body());
    return retryable(
        PaymentActivities.UPSTREAM_MISCONFIGURED,
        "upstream says Settle is misconfigured: " + rejection(answer),
        answer);
  }

  private ApplicationFailure retryable(String type, String message, Answer answer) {
    int attempt = Activity.getExecutionContext().getInfo().getAttempt();
    return ApplicationFailure.newBuilder()
        .setType(type)
        .setMessage(message)
        .setNextRetryDelay(
            RetryDelays.notBefore(
                answer.retryNotBefore(),
                RetryDelays.jittered(
                    attempt, properties.retryInitialDelay(), properties.retryMaxDelay())))
        .build();
  }

  public String field(String body, String name) {
    JsonNode node = parse(body);
    return node == null ? null : node.path(name).asText(null);
  }

  /** The body as JSON; a missing node when it is not JSON. */
  public JsonNode fields(String body) {
    JsonNode node = parse(body);
    return node == null ? json.missingNode() : node;
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
