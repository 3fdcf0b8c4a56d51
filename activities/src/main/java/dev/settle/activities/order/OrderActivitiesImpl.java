package dev.settle.activities.order;

import dev.settle.activities.upstream.CallOutcome;
import dev.settle.activities.upstream.UpstreamCalls;
import dev.settle.activities.upstream.UpstreamClient.Answer;
import dev.settle.workflows.operation.ExecutionOutcome;
import dev.settle.workflows.operation.LookupOutcome;
import dev.settle.workflows.operation.SettleNames;
import dev.settle.workflows.order.CompensationResult;
import dev.settle.workflows.order.OrderActivities;
import dev.settle.workflows.order.StepInput;
import dev.settle.workflows.order.StepLookup;
import dev.settle.workflows.order.StepResult;
import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.ActivityImpl;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The order and inventory upstreams, and every saga compensation (refund included). */
@Component
@ActivityImpl(taskQueues = SettleNames.TASK_QUEUE)
public class OrderActivitiesImpl implements OrderActivities {
  private static final Logger log = LoggerFactory.getLogger(OrderActivitiesImpl.class);
  static final String ORDERS = "orders";
  static final String INVENTORY = "inventory";

  /** Failure type of a compensation that did not succeed yet; retried until the horizon. */
  static final String COMPENSATION_PENDING = "CompensationPending";

  private final UpstreamCalls calls;

  public OrderActivitiesImpl(UpstreamCalls calls) {
    this.calls = calls;
  }

  @Override
  public StepResult createOrder(StepInput input) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("customer", input.customerAccount());
    body.put("items", input.items());
    body.put("currency", input.currency());
    body.put("total", input.amount().toPlainString());
    return step(
        "create order",
        calls.post(ORDERS, "/orders", input.idempotencyKey(), body),
        "orderId",
        input);
  }

  @Override
  public StepLookup lookupOrder(StepInput input) {
    return lookup(
        calls.get("/orders/" + UpstreamCalls.keyInPath(input.idempotencyKey())), "orderId");
  }

  @Override
  public StepResult reserveStock(StepInput input) {
    Answer answer =
        calls.post(
            INVENTORY,
            "/inventory/reservations",
            input.idempotencyKey(),
            Map.of("items", input.items()));
    return step("reserve stock", answer, "reservationId", input);
  }

  @Override
  public StepLookup lookupReservation(StepInput input) {
    return lookup(
        calls.get("/inventory/reservations/" + UpstreamCalls.keyInPath(input.idempotencyKey())),
        "reservationId");
  }

  @Override
  public CompensationResult cancelOrder(StepInput input) {
    return compensate(
        ORDERS, "/orders/" + UpstreamCalls.keyInPath(input.idempotencyKey()) + "/cancel", input);
  }

  @Override
  public CompensationResult releaseStock(StepInput input) {
    return compensate(
        INVENTORY,
        "/inventory/reservations/" + UpstreamCalls.keyInPath(input.idempotencyKey()) + "/release",
        input);
  }

  @Override
  public CompensationResult refundPayment(StepInput input) {
    return compensate(
        SettleNames.UPSTREAM_PAYMENTS,
        "/payments/" + UpstreamCalls.keyInPath(input.idempotencyKey()) + "/refund",
        input);
  }

  private StepResult step(String what, Answer answer, String referenceField, StepInput input) {
    log.info("{} {} -> {} ({})", what, input.idempotencyKey(), answer.outcome(), answer.describe());
    return switch (answer.outcome()) {
      case EXECUTED ->
          new StepResult(
              ExecutionOutcome.APPLIED,
              calls.field(answer.body(), referenceField),
              answer.status(),
              answer.describe());
      case REJECTED ->
          new StepResult(ExecutionOutcome.REJECTED, null, answer.status(), calls.rejection(answer));
      case AMBIGUOUS ->
          new StepResult(ExecutionOutcome.AMBIGUOUS, null, answer.status(), answer.describe());
      case NOT_EXECUTED -> throw calls.notExecuted(answer);
      case MISCONFIGURED -> throw calls.misconfigured(answer);
    };
  }

  private StepLookup lookup(Answer answer, String referenceField) {
    if (answer.status() == 200) {
      return new StepLookup(
          LookupOutcome.FOUND, calls.field(answer.body(), referenceField), answer.describe());
    }
    if (answer.status() == 404) {
      return new StepLookup(LookupOutcome.NOT_FOUND, null, answer.describe());
    }
    return new StepLookup(LookupOutcome.UNAVAILABLE, null, answer.describe());
  }

  /**
   * Compensations are idempotent upstream (keyed by the operation), so every outcome but success or
   * "nothing under this key" is simply tried again, ambiguous ones included.
   */
  private CompensationResult compensate(String upstreamName, String path, StepInput input) {
    Answer answer = calls.post(upstreamName, path, input.idempotencyKey(), Map.of());
    log.info("compensate {} -> {}", path, answer.describe());
    if (answer.outcome() == CallOutcome.EXECUTED) {
      return new CompensationResult(true, answer.describe());
    }
    if (answer.status() == 404) {
      return new CompensationResult(false, "nothing to undo: " + answer.describe());
    }
    throw ApplicationFailure.newFailure(
        "compensation not done yet: " + answer.describe(), COMPENSATION_PENDING);
  }
}
