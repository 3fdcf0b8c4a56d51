package dev.settle.upstream.fault;

import static dev.settle.upstream.fault.FaultMode.Target.APPLY;
import static dev.settle.upstream.fault.FaultMode.Target.LOOKUP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.settle.upstream.effect.EffectKind;
import dev.settle.upstream.problem.ProblemType;
import dev.settle.upstream.problem.UpstreamProblemException;
import org.junit.jupiter.api.Test;

class FaultOperationTargetingTest {

  private final FaultRules rules = new FaultRules(() -> 0.5);

  private static FaultRequest request(String mode, String path, String operation) {
    return new FaultRequest(mode, null, null, null, path, operation);
  }

  @Test
  void operationLimitsARuleToRequestsOfThatKind() {
    request("FAIL_BEFORE_COMMIT", null, "payment.refund").addTo(rules);

    assertThat(rules.fire(APPLY, "/payments", EffectKind.PAYMENT_CHARGE)).isEmpty();
    assertThat(rules.fire(APPLY, "/payments/k/refund", EffectKind.PAYMENT_REFUND)).isPresent();
    assertThat(rules.fire(APPLY, "/orders/k/cancel", EffectKind.ORDER_CANCEL)).isEmpty();
  }

  @Test
  void pathAndOperationMustBothMatch() {
    request("FAIL_BEFORE_COMMIT", "/payments/a", "payment.refund").addTo(rules);

    assertThat(rules.fire(APPLY, "/payments/b/refund", EffectKind.PAYMENT_REFUND)).isEmpty();
    assertThat(rules.fire(APPLY, "/payments/a", EffectKind.PAYMENT_CHARGE)).isEmpty();
    assertThat(rules.fire(APPLY, "/payments/a/refund", EffectKind.PAYMENT_REFUND)).isPresent();
  }

  @Test
  void ruleWithoutOperationHitsEveryMutatingRequest() {
    request("FAIL_BEFORE_COMMIT", null, null).addTo(rules);

    for (EffectKind operation : EffectKind.values()) {
      assertThat(rules.fire(APPLY, "/anything", operation)).as(operation.code()).isPresent();
    }
    assertThat(rules.fire(LOOKUP, "/orders/k")).isEmpty();
  }

  @Test
  void snapshotShowsTheOperation() {
    FaultRule rule = request("LATENCY", null, " stock.reserve ").addTo(rules);

    assertThat(rule.operation()).isEqualTo(EffectKind.STOCK_RESERVE);
    assertThat(rules.active())
        .singleElement()
        .extracting(FaultRule::operation)
        .isEqualTo(EffectKind.STOCK_RESERVE);
  }

  @Test
  void unknownOperationIsAnInvalidFault() {
    UpstreamProblemException e =
        catchThrowableOfType(
            UpstreamProblemException.class,
            () -> request("FAIL_BEFORE_COMMIT", null, "payment.steal").addTo(rules));

    assertThat(e.type()).isEqualTo(ProblemType.INVALID_FAULT);
    assertThat(e.getMessage()).contains("payment.steal", "payment.refund");
    assertThat(rules.active()).isEmpty();
  }

  @Test
  void operationOnALookupModeIsRefusedBecauseItCouldNeverFire() {
    UpstreamProblemException e =
        catchThrowableOfType(
            UpstreamProblemException.class,
            () -> request("STATUS_UNAVAILABLE", null, "order.create").addTo(rules));

    assertThat(e.type()).isEqualTo(ProblemType.INVALID_FAULT);
    assertThat(e.getMessage()).contains("path");
  }
}
