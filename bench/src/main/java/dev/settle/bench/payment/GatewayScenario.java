package dev.settle.bench.payment;

import dev.settle.bench.load.Operation;
import dev.settle.bench.load.Scenario;

/** {@code POST /v1/payments}, happy path: an operation counts only when answered 201 CONFIRMED. */
final class GatewayScenario implements Scenario {
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
  public Operation operation() {
    return (seq, marks) -> gateway.pay(fixtures.key(name(), seq)).expect("gateway", 201);
  }
}
