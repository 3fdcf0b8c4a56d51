package dev.settle.workflows.order;

import dev.settle.workflows.operation.Attempt.Step;
import dev.settle.workflows.operation.UpstreamKeys;
import dev.settle.workflows.order.SagaStep.Name;
import dev.settle.workflows.payment.ChargeInput;
import dev.settle.workflows.payment.ChargeResult;
import dev.settle.workflows.payment.LookupInput;
import dev.settle.workflows.payment.LookupResult;
import dev.settle.workflows.payment.PaymentActivities;
import dev.settle.workflows.payment.PaymentActivityOptions;
import dev.settle.workflows.reconciliation.ReconciliationPolicy;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The order saga's steps as data: create the order, reserve the stock, charge the payment, each
 * with its lookup and its compensation, all sent under this run's key.
 */
final class OrderPlan {
  private final PaymentActivities payments =
      Workflow.newActivityStub(PaymentActivities.class, PaymentActivityOptions.UPSTREAM);
  private final OrderActivities upstream =
      Workflow.newActivityStub(OrderActivities.class, PaymentActivityOptions.UPSTREAM);

  private final OrderRequest request;
  private final List<UpstreamStep> steps;

  /** What every step sends upstream, under this run's key; set when the run starts. */
  private StepInput input;

  /** Retried to the policy's compensation horizon; set when the run starts. */
  private OrderActivities compensations;

  OrderPlan(OrderRequest request) {
    this.request = request;
    this.steps =
        List.of(
            new UpstreamStep(
                Name.ORDER,
                Step.ORDER,
                () -> upstream.createOrder(input),
                () -> upstream.lookupOrder(input),
                () -> compensations.cancelOrder(input),
                status -> "order-rejected"),
            new UpstreamStep(
                Name.STOCK,
                Step.STOCK,
                () -> upstream.reserveStock(input),
                () -> upstream.lookupReservation(input),
                () -> compensations.releaseStock(input),
                status -> status == 409 ? "stock-insufficient" : "stock-rejected"),
            new UpstreamStep(
                Name.PAYMENT,
                Step.CHARGE,
                () -> fromCharge(payments.charge(chargeInput())),
                () -> fromLookup(payments.lookup(LookupInput.of(chargeInput()))),
                () -> compensations.refundPayment(input),
                status -> "payment-rejected"));
  }

  /**
   * Fixes this run's key, then reads the policy (in this order, as runs recorded it) that sets the
   * compensations' horizon.
   */
  ReconciliationPolicy start(Supplier<ReconciliationPolicy> policies) {
    input =
        new StepInput(
            UpstreamKeys.forThisRun(request.clientId(), request.idempotencyKey()),
            request.customerAccount(),
            request.items(),
            request.amount(),
            request.currency());
    ReconciliationPolicy policy = policies.get();
    compensations = compensationStub(policy);
    return policy;
  }

  List<UpstreamStep> steps() {
    return steps;
  }

  /** The key this run sends upstream and posts under, or null before it starts. */
  String upstreamKey() {
    return input == null ? null : input.idempotencyKey();
  }

  private ChargeInput chargeInput() {
    return new ChargeInput(
        input.idempotencyKey(),
        request.customerAccount(),
        request.merchantAccount(),
        request.amount(),
        request.currency());
  }

  private static OrderActivities compensationStub(ReconciliationPolicy policy) {
    Duration horizon =
        policy.compensationHorizon() == null ? Duration.ofHours(1) : policy.compensationHorizon();
    return Workflow.newActivityStub(
        OrderActivities.class,
        ActivityOptions.newBuilder(PaymentActivityOptions.UPSTREAM)
            .setScheduleToCloseTimeout(horizon)
            .setRetryOptions(
                RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(1))
                    .setBackoffCoefficient(2.0)
                    .setMaximumInterval(Duration.ofSeconds(30))
                    .build())
            .build());
  }

  private static StepResult fromCharge(ChargeResult charge) {
    return new StepResult(
        charge.outcome(), charge.upstreamPaymentId(), charge.httpStatus(), charge.detail());
  }

  private static StepLookup fromLookup(LookupResult lookup) {
    return new StepLookup(lookup.outcome(), lookup.upstreamPaymentId(), lookup.detail());
  }
}
