package dev.settle.bench.payment;

import dev.settle.bench.load.Scenario;
import dev.settle.bench.stack.StackTarget;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;

/** The scenarios that make payments: raw, gateway, no-durability, first-answer and ambiguous. */
public final class PaymentScenarios {
  public static final String FIRST_ANSWER = FirstAnswerScenario.FIRST_ANSWER;
  public static final String ANSWERED_201 = GatewayScenario.ANSWERED_201;
  public static final String UNKNOWN_TO_CONFIRMED = AmbiguousScenario.UNKNOWN_TO_CONFIRMED;

  private PaymentScenarios() {}

  /**
   * @param clientId the gateway client that {@code apiKey} authenticates (workflow IDs start with
   *     it)
   * @param runId makes this run's keys unique
   * @param faultLatency how long upstream-sim holds a committed answer in the ambiguous scenario
   */
  public static List<Scenario> create(
      StackTarget target,
      WorkflowClient client,
      String apiKey,
      String clientId,
      String runId,
      Duration faultLatency) {
    Http http = new Http();
    PaymentFixtures fixtures = new PaymentFixtures(clientId, runId);
    GatewayClient gateway = new GatewayClient(http, target.gateway(), apiKey);
    UpstreamSim upstream = new UpstreamSim(http, target.upstream());
    return List.of(
        new NoDurabilityScenario(upstream, fixtures),
        new RawScenario(client, fixtures),
        new GatewayScenario(gateway, fixtures),
        new FirstAnswerScenario(gateway, client, fixtures),
        new AmbiguousScenario(gateway, upstream, client, fixtures, faultLatency));
  }
}
