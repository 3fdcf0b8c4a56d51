package dev.settle.activities.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.settle.activities.upstream.CallOutcome;
import dev.settle.activities.upstream.RetryDelays;
import dev.settle.activities.upstream.UpstreamClient;
import dev.settle.activities.upstream.UpstreamClient.Answer;
import dev.settle.activities.upstream.UpstreamProperties;
import dev.settle.workflows.operation.SettleNames;
import dev.settle.workflows.payment.ChargeInput;
import dev.settle.workflows.payment.ChargeResult;
import dev.settle.workflows.payment.LookupInput;
import dev.settle.workflows.payment.LookupResult;
import dev.settle.workflows.payment.PaymentActivities;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.ActivityImpl;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The payment upstream: charge with the operation's key, and ask what it knows about a key. */
@Component
@ActivityImpl(taskQueues = SettleNames.TASK_QUEUE)
public class PaymentActivitiesImpl implements PaymentActivities {
  private static final Logger log = LoggerFactory.getLogger(PaymentActivitiesImpl.class);

  private final UpstreamClient upstream;
  private final UpstreamProperties properties;
  private final ObjectMapper json;

  public PaymentActivitiesImpl(UpstreamClient upstream, UpstreamProperties properties, ObjectMapper json) {
    this.upstream = upstream;
    this.properties = properties;
    this.json = json;
  }

  @Override
  public ChargeResult charge(ChargeInput input) {
    HttpRequest request =
        upstream
            .request("/payments")
            .header("Idempotency-Key", input.idempotencyKey())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(chargeBody(input)))
            .build();
    Answer answer = upstream.callGuarded(SettleNames.UPSTREAM_PAYMENTS, request);
    log.info("charge {} -> {} ({})", input.idempotencyKey(), answer.outcome(), answer.describe());
    return switch (answer.outcome()) {
      case EXECUTED -> new ChargeResult(
          ChargeResult.Outcome.APPLIED, paymentId(answer.body()), answer.status(), answer.describe());
      case REJECTED -> new ChargeResult(
          ChargeResult.Outcome.REJECTED, null, answer.status(), rejection(answer));
      case AMBIGUOUS -> new ChargeResult(
          ChargeResult.Outcome.AMBIGUOUS, null, answer.status(), answer.describe());
      case NOT_EXECUTED -> throw notExecuted(answer);
    };
  }

  @Override
  public LookupResult lookup(LookupInput input) {
    String path = "/payments/" + URLEncoder.encode(input.idempotencyKey(), StandardCharsets.UTF_8);
    Answer answer = upstream.call(upstream.request(path).GET().build());
    log.info("lookup {} -> {}", input.idempotencyKey(), answer.describe());
    if (answer.status() == 200) {
      return new LookupResult(LookupResult.Outcome.FOUND, paymentId(answer.body()), answer.describe());
    }
    if (answer.status() == 404) {
      return new LookupResult(LookupResult.Outcome.NOT_FOUND, null, answer.describe());
    }
    return new LookupResult(LookupResult.Outcome.UNAVAILABLE, null, answer.describe());
  }

  /** Retryable: the call definitely did not execute. The delay is ours, jittered. */
  private ApplicationFailure notExecuted(Answer answer) {
    int attempt = Activity.getExecutionContext().getInfo().getAttempt();
    return ApplicationFailure.newBuilder()
        .setType(UPSTREAM_UNAVAILABLE)
        .setMessage("upstream did not execute the call: " + answer.describe())
        .setNextRetryDelay(
            RetryDelays.jittered(attempt, properties.retryInitialDelay(), properties.retryMaxDelay()))
        .build();
  }

  private String chargeBody(ChargeInput input) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("debitAccount", input.debitAccount());
    body.put("creditAccount", input.creditAccount());
    body.put("amount", input.amount());
    body.put("currency", input.currency());
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private String paymentId(String body) {
    JsonNode node = parse(body);
    return node == null ? null : node.path("paymentId").asText(null);
  }

  private String rejection(Answer answer) {
    JsonNode node = parse(answer.body());
    String detail = node == null ? null : node.path("detail").asText(null);
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
}
