package dev.settle.chaos.run;

import dev.settle.chaos.schedule.PlannedOperation;
import dev.settle.stackkit.http.GatewayClient;
import dev.settle.stackkit.http.Http.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Plays one client for one operation: sends its copies at once with the same key, retries each
 * (same key, same payload) while no answer or a 5xx comes back, as a client does; once the
 * operation exists, sends the mismatched payload if planned; then waits a bounded while for the
 * outcome, which paces the run to what the stack can absorb.
 */
final class OperationDriver {
  /**
   * A client that never gets an answer gives up after this long (the checker then flags the key).
   */
  static final long GIVE_UP_MS = 10 * 60_000;

  static final long PACE_WAIT_MS = 30_000;

  /** Each poll is a workflow query, i.e. worker CPU: a slow poll keeps the pacing cheap. */
  static final long PACE_POLL_MS = 1500;

  private final GatewayClient gateway;
  private final ExecutorService requests;
  private final Queue<RequestRecord> journal;

  OperationDriver(GatewayClient gateway, ExecutorService requests, Queue<RequestRecord> journal) {
    this.gateway = gateway;
    this.requests = requests;
    this.journal = journal;
  }

  void run(PlannedOperation op) throws InterruptedException {
    CompletableFuture<Void> exists = new CompletableFuture<>();
    List<Future<?>> copies = new ArrayList<>();
    for (int copy = 0; copy < op.copies(); copy++) {
      int c = copy;
      copies.add(
          requests.submit(
              () -> {
                Answer answer = sendUntilAnswered(op, c, false, op.body());
                if (answer.status() == 201 || answer.status() == 202) {
                  exists.complete(null);
                }
                return null;
              }));
    }
    if (op.mismatch()) {
      // Only once the operation exists: sent first, the other payload would start it instead.
      try {
        exists.get(GIVE_UP_MS, TimeUnit.MILLISECONDS);
        sendUntilAnswered(op, op.copies(), true, op.mismatchBody());
      } catch (ExecutionException | TimeoutException never) {
        // no copy got the operation started: nothing to be mismatched against
      }
    }
    for (Future<?> copy : copies) {
      try {
        copy.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
    awaitOutcome(op.key());
  }

  private Answer sendUntilAnswered(PlannedOperation op, int copy, boolean mismatch, String body)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + GIVE_UP_MS;
    for (int attempt = 1; ; attempt++) {
      long sentAt = System.currentTimeMillis();
      Answer answer = gateway.submit(op.path(), op.key(), body);
      journal.add(
          new RequestRecord(
              op.key(),
              copy,
              mismatch,
              attempt,
              sentAt,
              answer.tookMillis(),
              answer.status(),
              answer.error(),
              answer.status() >= 400 ? answer.problemType() : null,
              answer.status() < 300 ? answer.text("status") : null,
              answer.status() < 300 ? answer.text("operationId") : null,
              answer.status() < 300 ? answer.text("amount") : null));
      boolean retry = answer.transportFailure() || answer.status() >= 500;
      if (!retry || System.currentTimeMillis() > deadline) {
        return answer;
      }
      // Backs off (jittered, up to 2 s) while a part is down, as a well-behaved client does.
      long step = Math.min(2000, 250L << Math.min(3, attempt - 1));
      Thread.sleep(step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1));
    }
  }

  private void awaitOutcome(String key) throws InterruptedException {
    long deadline = System.currentTimeMillis() + PACE_WAIT_MS;
    while (System.currentTimeMillis() < deadline) {
      Answer answer = gateway.operation(key);
      if (answer.transportFailure()) {
        return; // the gateway is down: go on to the next operation, which meets it (and retries)
        // too
      }
      String status = answer.status() == 200 ? answer.text("status") : null;
      if ("CONFIRMED".equals(status) || "FAILED".equals(status) || "MANUAL_REVIEW".equals(status)) {
        return;
      }
      Thread.sleep(PACE_POLL_MS);
    }
  }
}
