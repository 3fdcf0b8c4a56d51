package dev.settle.e2e;

import static dev.settle.e2e.SettleApi.paymentBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.settle.e2e.SettleApi.Reply;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An operation whose workflow an operator terminated never decides on its own: the client is told
 * so with a final status instead of being asked to poll forever, and its key still replays.
 */
@ExtendWith(SettleStack.class)
class EndedWorkflowIT {
  static final Duration WITHIN = Duration.ofSeconds(90);

  final SettleStack stack = SettleStack.get();
  final SettleApi api = new SettleApi(stack);

  @AfterEach
  void clearFaults() {
    api.clearFaults();
  }

  @Test
  void aTerminatedUnknownPaymentIsFailedTerminatedAndItsKeyReplays() {
    String key = "terminated-" + System.nanoTime();
    String body = paymentBody("vera", "walt", "3.30");
    api.fault("{\"mode\":\"STATUS_UNAVAILABLE\"}");
    api.fault("{\"mode\":\"TIMEOUT_BEFORE_COMMIT\",\"count\":1,\"latencyMs\":4000}");
    assertThat(api.pay(key, body).status()).isIn(201, 202);
    api.awaitStatus(key, "UNKNOWN", WITHIN);

    stack.temporal(
        "workflow", "terminate", "--workflow-id", "demo/" + key, "--reason", "EndedWorkflowIT");

    Reply read = api.operation(key, SettleApi.DEMO_KEY);
    assertThat(read.status()).as("%s", read.body()).isEqualTo(200);
    assertThat(read.operationStatus()).isEqualTo("FAILED");
    assertThat(read.body().path("failure").path("code").asText()).isEqualTo("terminated");
    assertThat(read.body().path("failure").path("detail").asText()).contains("UNKNOWN");
    assertThat(read.header("Retry-After")).as("Retry-After of a final status").isNull();
    // What the client asked for is still shown, from the workflow's start event.
    assertThat(read.body().path("amount").asText()).isEqualTo("3.30");
    assertThat(read.body().path("debitAccount").asText()).isEqualTo("vera");

    Reply replay = api.pay(key, body);
    assertThat(replay.status()).as("%s", replay.body()).isEqualTo(201);
    assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(replay.header("Retry-After")).isNull();
    assertThat(replay.body().path("failure").path("code").asText()).isEqualTo("terminated");

    Reply other = api.pay(key, paymentBody("vera", "walt", "3.31"));
    assertThat(other.status()).as("%s", other.body()).isEqualTo(422);
    assertThat(other.body().path("type").asText())
        .isEqualTo("https://settle.dev/problems/idempotency-key-reused");

    assertThat(list("FAILED")).contains("\"operationId\":\"" + key + "\"");
    assertThat(list("UNKNOWN")).doesNotContain(key);
    assertThat(api.applied(key)).as("effects upstream").isZero();
  }

  private String list(String status) {
    Reply reply =
        api.send(
            HttpRequest.newBuilder(
                    URI.create(stack.gatewayUrl() + "/v1/operations?status=" + status))
                .header("Authorization", "Bearer " + SettleApi.DEMO_KEY)
                .GET());
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    return reply.body().toString();
  }
}
