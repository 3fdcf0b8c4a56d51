package dev.settle.bench.payment;

import dev.settle.bench.load.Operation;
import dev.settle.bench.load.Scenario;
import dev.settle.stackkit.http.GatewayClient;
import dev.settle.stackkit.http.Http;
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

  /** Between two status reads of a 202'd operation: well below the gateway's Retry-After. */
  private static final Duration POLL = Duration.ofMillis(50);

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
      if (fixtures.pay(gateway, key).expect("gateway", 201, 202).status() == 201) {
        marks.sinceStart(ANSWERED_201);
      } else {
        awaitConfirmed(key);
      }
    };
  }

  /**
   * Reads {@code GET /v1/operations/{key}} until the operation is final, as a client given a 202
   * does; returns normally only when it is CONFIRMED.
   */
  private void awaitConfirmed(String key) throws InterruptedException {
    long deadline = System.nanoTime() + COMPLETION_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      Http.Answer answer = gateway.operation(key).expect("status", 200);
      String status = answer.text("status");
      if ("CONFIRMED".equals(status)) {
        return;
      }
      if ("FAILED".equals(status) || "MANUAL_REVIEW".equals(status)) {
        throw new Http.UnexpectedAnswer("operation ended " + answer.gist());
      }
      Thread.sleep(POLL.toMillis());
    }
    throw new Http.UnexpectedAnswer(
        "operation not final after " + COMPLETION_LIMIT.toSeconds() + " s");
  }
}
