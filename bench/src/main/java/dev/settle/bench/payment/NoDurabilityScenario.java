package dev.settle.bench.payment;

import dev.settle.bench.load.Operation;
import dev.settle.bench.load.Scenario;
import dev.settle.stackkit.http.Http;

/**
 * The same upstream call the charge activity makes, straight over HTTP: no Temporal, no ledger, no
 * record of intent. What the payment would cost without durability.
 */
final class NoDurabilityScenario implements Scenario {
  private final Http http;
  private final String upstreamUrl;
  private final PaymentFixtures fixtures;

  NoDurabilityScenario(Http http, String upstreamUrl, PaymentFixtures fixtures) {
    this.http = http;
    this.upstreamUrl = upstreamUrl;
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
    // upstream-sim's POST /payments as the worker's charge activity sends it, with the workflow ID
    // as the idempotency key; 201 when applied.
    return (seq, marks) ->
        http.postJson(
                upstreamUrl + "/payments",
                PaymentFixtures.body(),
                "Idempotency-Key",
                fixtures.workflowId(fixtures.key(name(), seq)))
            .expect("upstream-sim", 201);
  }
}
