package dev.settle.activities.payment;

import dev.settle.activities.upstream.UpstreamCalls;
import dev.settle.activities.upstream.UpstreamClient.Answer;
import dev.settle.workflows.operation.ExecutionOutcome;
import dev.settle.workflows.operation.LookupOutcome;
import dev.settle.workflows.operation.SettleNames;
import dev.settle.workflows.payment.ChargeInput;
import dev.settle.workflows.payment.ChargeResult;
import dev.settle.workflows.payment.LookupInput;
import dev.settle.workflows.payment.LookupResult;
import dev.settle.workflows.payment.PaymentActivities;
import io.temporal.spring.boot.ActivityImpl;
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

  private final UpstreamCalls calls;

  public PaymentActivitiesImpl(UpstreamCalls calls) {
    this.calls = calls;
  }

  @Override
  public ChargeResult charge(ChargeInput input) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("debitAccount", input.debitAccount());
    body.put("creditAccount", input.creditAccount());
    body.put("amount", input.amount());
    body.put("currency", input.currency());
    Answer answer =
        calls.post(
            SettleNames.UPSTREAM_PAYMENTS,
            "/payments",
            input.idempotencyKey(),
            body,
            input.callId(),
            input.attemptsBefore());
    log.info("charge {} -> {} ({})", input.idempotencyKey(), answer.outcome(), answer.describe());
    return switch (answer.outcome()) {
      case EXECUTED ->
          new ChargeResult(
              ExecutionOutcome.APPLIED,
              calls.field(answer.body(), "paymentId"),
              answer.status(),
              answer.describe());
      case REJECTED ->
          new ChargeResult(
              ExecutionOutcome.REJECTED, null, answer.status(), calls.rejection(answer));
      case AMBIGUOUS ->
          new ChargeResult(ExecutionOutcome.AMBIGUOUS, null, answer.status(), answer.describe());
      case NOT_EXECUTED -> throw calls.notExecuted(answer);
      case MISCONFIGURED -> throw calls.misconfigured(answer);
    };
  }

  @Override
  public LookupResult lookup(LookupInput input) {
    Answer answer = calls.get("/payments/" + UpstreamCalls.keyInPath(input.idempotencyKey()));
    log.info("lookup {} -> {}", input.idempotencyKey(), answer.describe());
    if (answer.status() == 200) {
      String paymentId = calls.field(answer.body(), "paymentId");
      String difference = FoundPayment.differenceFrom(input, calls.fields(answer.body()));
      if (difference != null) {
        log.warn("lookup {} found another payment: {}", input.idempotencyKey(), difference);
        return new LookupResult(LookupOutcome.MISMATCH, paymentId, paymentId + " " + difference);
      }
      return new LookupResult(LookupOutcome.FOUND, paymentId, answer.describe());
    }
    if (answer.status() == 404) {
      return new LookupResult(LookupOutcome.NOT_FOUND, null, answer.describe());
    }
    return new LookupResult(LookupOutcome.UNAVAILABLE, null, answer.describe());
  }
}
