package dev.settle.bench.payment;

import dev.settle.bench.load.Scenario;
import dev.settle.stackkit.StackTarget;
import dev.settle.stackkit.http.GatewayClient;
import dev.settle.stackkit.http.Http;
import dev.settle.stackkit.http.UpstreamAdmin;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;

/** The scenarios that make payments: raw, gateway, no-durability, first-answer and ambiguous. */
public final class PaymentScenarios {
  public static final String FIRST_ANSWER = FirstAnswerScenario.FIRST_ANSWER;
  public static final String ANSWERED_201 = GatewayScenario.ANSWERED_201;
  public static final String UNKNOWN_TO_CONFIRMED = AmbiguousScenario.UNKNOWN_TO_CONFIRMED;

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Longer than the gateway's decision budget plus its Temporal grace (2 s + 5 s). */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

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
    // One pool of keep-alive connections for every scenario, like the worker's own client to the
    // upstream, so connection setup is not part of what is measured.
    Http http = new Http(CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    PaymentFixtures fixtures = new PaymentFixtures(clientId, runId);
    GatewayClient gateway = new GatewayClient(http, target.gatewayUrl(), apiKey);
    UpstreamAdmin upstream = new UpstreamAdmin(http, target.upstreamUrl());
    return List.of(
        new NoDurabilityScenario(http, target.upstreamUrl(), fixtures),
        new RawScenario(client, fixtures),
        new GatewayScenario(gateway, fixtures),
        new FirstAnswerScenario(gateway, client, fixtures),
        new AmbiguousScenario(gateway, upstream, client, fixtures, faultLatency));
  }
}
