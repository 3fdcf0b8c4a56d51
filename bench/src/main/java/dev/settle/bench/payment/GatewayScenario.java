package dev.settle.bench.payment;

import dev.settle.bench.load.Operation;
import dev.settle.bench.load.Scenario;
import java.time.Duration;

/**
 * {@code POST /v1/payments}, happy path: an operation counts once it is CONFIRMED, whether the POST
 * answered 201 within the decision budget or 202 and the client then read its status until it was
 * final (what a client of this API does). The share answered 201 is reported beside it.
 */
final class GatewayScenario implements Scenario {
  /** The operations answered 201 CONFIRMED by their POST, within the decision budget. */
  static final String ANSWERED_201 = "answered 201";

  /** How long a 202 may take to complete before the operation counts as an error. */
  static final Duration COMPLETION_LIMIT = Duration.ofSeconds(60);

  private final GatewayClient gateway;
  private final PaymentFixtures fixtures;

  GatewayScenario(GatewayClient gateway, PaymentFixtures fixtures) {
    this.gateway = gateway;
    this.fixtures = fixtures;
  }

  @Override
  public String name() {
    return "gateway";
  }

  @Override
  public boolean usesSettleWorker() {
    return true;
  }

  @Override
  public String workflowIdPrefix() {
    return fixtures.workflowIdPrefix(name());
  }

  @Override
  public Operation operation() {
    return (seq, marks) -> {
      String key = fixtures.key(name(), seq);
      if (gateway.pay(key).expect("gateway", 201, 202).status() == 201) {
        marks.sinceStart(ANSWERED_201);
      } else {
        gateway.awaitConfirmed(key, COMPLETION_LIMIT);
      }
    };
  }
}
