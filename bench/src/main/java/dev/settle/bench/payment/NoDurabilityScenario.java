package dev.settle.bench.payment;

import dev.settle.bench.load.Operation;
import dev.settle.bench.load.Scenario;

/**
 * The same upstream call the charge activity makes, straight over HTTP: no Temporal, no ledger, no
 * record of intent. What the payment would cost without durability.
 */
final class NoDurabilityScenario implements Scenario {
  private final UpstreamSim upstream;
  private final PaymentFixtures fixtures;

  NoDurabilityScenario(UpstreamSim upstream, PaymentFixtures fixtures) {
    this.upstream = upstream;
    this.fixtures = fixtures;
  }

  @Override
  public String name() {
    return "no-durability";
  }

  @Override
  public boolean usesSettleWorker() {
    return false;
  }

  @Override
  public Operation operation() {
    // The worker sends the workflow ID as the upstream's idempotency key; so does this.
    return (seq, marks) ->
        upstream.pay(fixtures.workflowId(fixtures.key(name(), seq))).expect("upstream-sim", 201);
  }
}
