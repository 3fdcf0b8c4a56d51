package dev.settle.bench.payment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/** upstream-sim: its payment API (called directly, without Settle) and its fault injection. */
final class UpstreamSim {
  private final Http http;
  private final URI base;

  UpstreamSim(Http http, URI base) {
    this.http = http;
    this.base = base;
  }

  /** {@code POST /payments} as the worker's charge activity sends it: 201 when applied. */
  Http.Reply pay(String idempotencyKey) throws IOException, InterruptedException {
    return http.postJson(
        base.resolve("/payments"), PaymentFixtures.body(), "Idempotency-Key", idempotencyKey);
  }

  /** Every payment commits, then its answer is held for {@code latency}. */
  void commitThenTimeout(Duration latency) throws IOException, InterruptedException {
    http.postJson(
            base.resolve("/admin/faults"),
            "{\"mode\":\"COMMIT_THEN_TIMEOUT\",\"probability\":1,\"latencyMs\":"
                + latency.toMillis()
                + "}")
        .expect("POST /admin/faults", 200, 201);
  }

  void clearFaults() throws IOException, InterruptedException {
    http.send(HttpRequest.newBuilder(base.resolve("/admin/faults")).DELETE())
        .expect("DELETE /admin/faults", 200, 204);
  }
}
