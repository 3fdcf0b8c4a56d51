package dev.settle.e2e;

import static dev.settle.e2e.SettleApi.paymentBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rolling restarts and startup order: a stopping worker finishes what it took, a worker started
 * before Temporal waits for it instead of exiting, a stopping gateway answers the requests it has.
 */
@ExtendWith(SettleStack.class)
class GracefulLifecycleIT {
  final SettleStack stack = SettleStack.get();
  final SettleApi api = new SettleApi(stack);

  @AfterEach
  void stackIsWhole() {
    api.clearFaults();
    stack.settle("start", "temporal");
    stack.settle("start", "worker");
  }

  @Test
  void sigtermLetsTheWorkerFinishTheChargeItIsMaking() {
    String key = "drain-" + System.nanoTime();
    api.clearFaults();
    api.fault("{\"mode\":\"LATENCY\",\"count\":1,\"latencyMs\":1000}");
    CompletableFuture<SettleApi.Reply> answer =
        CompletableFuture.supplyAsync(() -> api.pay(key, paymentBody("ivan", "judy", "3.00")));
    awaitFaultFired();

    stack.settle("stop", "worker"); // SIGTERM while the upstream call is in flight; returns on exit

    // With no worker left, Temporal already holds the charge's result: the stopping worker
    // reported it instead of abandoning it to a timeout and a second call. On the happy path the
    // charge is a local activity, so its result is in the workflow task the worker completed.
    List<String> events = Histories.types(Histories.events(stack, "demo/" + key));
    assertThat(events)
        .contains("EVENT_TYPE_WORKFLOW_TASK_COMPLETED", "EVENT_TYPE_MARKER_RECORDED")
        .doesNotContain("EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT", "EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT");
    assertThat(answer.join().status()).isIn(201, 202);

    stack.settle("start", "worker");
    JsonNode op = api.awaitStatus(key, "CONFIRMED", Duration.ofSeconds(60));
    assertThat(op.path("attempts").findValuesAsText("step")).containsOnlyOnce("CHARGE");
    assertThat(api.applied(key)).isEqualTo(1);
    api.assertOneBalancedPosting(key, "ivan", "judy", "3.00");
  }

  @Test
  void aWorkerStartedBeforeTemporalWaitsNotReadyThenWorks() {
    stack.settle("stop", "worker");
    stack.settle("stop", "temporal");
    assertThat(ExtraJvm.statusOf(stack.gatewayUrl() + "/actuator/health/readiness")).isEqualTo(503);
    assertThat(ExtraJvm.statusOf(stack.gatewayUrl() + "/actuator/health/liveness")).isEqualTo(200);

    try (ExtraJvm worker = new ExtraJvm(stack, ExtraJvm.Kind.WORKER, "worker-before-temporal")) {
      worker.awaitHealth("/liveness", 200, Duration.ofMinutes(2));
      SettleApi.sleep(Duration.ofSeconds(3)); // a few failed attempts at reaching Temporal
      assertThat(worker.alive()).as("worker still running").isTrue();
      assertThat(worker.health("/readiness")).isEqualTo(503);

      stack.settle("start", "temporal");
      worker.awaitHealth("/readiness", 200, Duration.ofSeconds(60));
      awaitGatewayReady();

      String key = "late-temporal-" + System.nanoTime();
      assertThat(api.pay(key, paymentBody("kim", "lee", "4.00")).status()).isIn(201, 202);
      api.awaitStatus(
          key, "CONFIRMED", Duration.ofSeconds(60)); // the only worker polling is this one
      assertThat(Histories.workers(Histories.events(stack, "demo/" + key)))
          .containsOnly(worker.pid());
      worker.terminate(Duration.ofSeconds(40));
    }
  }

  @Test
  void sigtermLetsTheGatewayAnswerTheRequestsItHas() {
    try (ExtraJvm gateway = new ExtraJvm(stack, ExtraJvm.Kind.GATEWAY, "gateway-drain")) {
      gateway.awaitHealth("/readiness", 200, Duration.ofMinutes(2));
      SettleApi second = new SettleApi(stack, gateway.url());
      String key = "gateway-drain-" + System.nanoTime();
      api.clearFaults();
      api.fault("{\"mode\":\"LATENCY\",\"count\":1,\"latencyMs\":1000}");
      CompletableFuture<SettleApi.Reply> answer =
          CompletableFuture.supplyAsync(() -> second.pay(key, paymentBody("mia", "ned", "5.00")));
      awaitFaultFired();

      gateway.terminate(Duration.ofSeconds(30));

      assertThat(answer.join().status()).as("the request in flight was answered").isIn(201, 202);
      api.awaitStatus(key, "CONFIRMED", Duration.ofSeconds(60));
      assertThat(api.applied(key)).isEqualTo(1);
    }
  }

  private void awaitGatewayReady() {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (ExtraJvm.statusOf(stack.gatewayUrl() + "/actuator/health/readiness") != 200) {
      assertThat(System.nanoTime()).as("gateway ready again").isLessThan(deadline);
      SettleApi.sleep(Duration.ofMillis(300));
    }
  }

  /**
   * Waits until upstream-sim is holding the request the one-shot fault delays: a rule that has
   * fired its last time leaves the list.
   */
  private void awaitFaultFired() {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      JsonNode faults =
          api.send(HttpRequest.newBuilder(URI.create(stack.upstreamUrl() + "/admin/faults")).GET())
              .body();
      if (faults.isArray() && faults.isEmpty()) {
        return;
      }
      assertThat(System.nanoTime())
          .as("the delayed charge reached upstream-sim")
          .isLessThan(deadline);
      SettleApi.sleep(Duration.ofMillis(50));
    }
  }
}
