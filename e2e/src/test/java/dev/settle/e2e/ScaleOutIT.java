package dev.settle.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two gateways and two workers on one Temporal: payments go through both gateways with upstream
 * faults on, one worker is killed with SIGKILL halfway, and every payment still settles exactly
 * once, the rest of the work done by the surviving worker.
 */
@ExtendWith(SettleStack.class)
class ScaleOutIT {
  private static final int PAYMENTS = 200;
  private static final int CLIENTS = 8;

  final SettleStack stack = SettleStack.get();
  final SettleApi api = new SettleApi(stack);

  @AfterEach
  void stackIsWhole() {
    api.clearFaults();
    stack.settle("start", "worker");
  }

  @Test
  void everyPaymentSettlesOnceWhenOneOfTwoWorkersIsKilled() throws Exception {
    String run = "scale-" + System.nanoTime() + "-";
    try (ExtraJvm gateway2 = new ExtraJvm(stack, ExtraJvm.Kind.GATEWAY, "scale-gateway-2");
        ExtraJvm worker2 = new ExtraJvm(stack, ExtraJvm.Kind.WORKER, "scale-worker-2")) {
      gateway2.awaitHealth("/readiness", 200, Duration.ofMinutes(2));
      worker2.awaitHealth("/readiness", 200, Duration.ofMinutes(2));
      List<SettleApi> gateways = List.of(api, new SettleApi(stack, gateway2.url()));
      long worker1 =
          Long.parseLong(Files.readString(stack.target().runDir().resolve("worker.pid")).trim());

      api.clearFaults();
      api.fault(
          "{\"mode\":\"COMMIT_THEN_TIMEOUT\",\"probability\":0.3,\"count\":60,\"latencyMs\":2000}");
      api.fault("{\"mode\":\"FAIL_BEFORE_COMMIT\",\"probability\":0.15,\"count\":30}");
      api.fault("{\"mode\":\"COMMIT_THEN_RESET\",\"probability\":0.1,\"count\":15}");
      api.fault("{\"mode\":\"LATENCY\",\"probability\":0.2,\"count\":40,\"latencyMs\":300}");

      Map<String, Integer> answers = new ConcurrentHashMap<>();
      AtomicInteger sent = new AtomicInteger();
      Instant[] killedAt = new Instant[1];
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < PAYMENTS; i++) {
        int n = i;
        done.add(
            clients.submit(
                () -> {
                  String key = run + n;
                  answers.put(key, submit(gateways.get(n % 2), key, n));
                  if (sent.incrementAndGet() == PAYMENTS / 2) {
                    stack.settle("kill", "worker");
                    killedAt[0] = Instant.now();
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      clients.shutdown();

      assertThat(answers).hasSize(PAYMENTS);
      assertThat(Set.copyOf(answers.values())).as("answers").isSubsetOf(Set.of(201, 202));
      Map<String, String> outcomes = new HashMap<>();
      for (String key : answers.keySet()) {
        JsonNode op =
            api.awaitOperation(
                key,
                o -> Set.of("CONFIRMED", "FAILED").contains(o.path("status").asText()),
                Duration.ofMinutes(3));
        outcomes.put(key, op.path("status").asText());
      }

      Map<String, Integer> postings = ledgerRowsByOperation(run);
      for (Map.Entry<String, String> outcome : outcomes.entrySet()) {
        String key = outcome.getKey();
        boolean confirmed = outcome.getValue().equals("CONFIRMED");
        assertThat(api.applied(key))
            .as("upstream effects of %s (%s)", key, outcome.getValue())
            .isEqualTo(confirmed ? 1 : 0);
        assertThat(postings.getOrDefault(api.upstreamKey(key), 0))
            .as("ledger rows of %s", key)
            .isEqualTo(confirmed ? 2 : 0);
      }
      assertThat(outcomes.values())
          .as("most payments confirm despite the faults")
          .filteredOn("CONFIRMED"::equals)
          .hasSizeGreaterThan(PAYMENTS / 2);

      // Both workers shared the work before the kill; after it, only the survivor worked. A happy
      // payment's charge and posting are local activities, so its workflow tasks count too.
      List<Long> before = new ArrayList<>();
      List<Long> after = new ArrayList<>();
      for (int n :
          new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, PAYMENTS - 3, PAYMENTS - 2, PAYMENTS - 1}) {
        for (JsonNode event : Histories.events(stack, "demo/" + run + n)) {
          JsonNode started = event.path("activityTaskStartedEventAttributes");
          if (started.isMissingNode()) {
            started = event.path("workflowTaskStartedEventAttributes");
          }
          if (!started.isMissingNode()) {
            long pid = Histories.pidOf(started.path("identity").asText());
            (Instant.parse(event.path("eventTime").asText()).isAfter(killedAt[0].plusSeconds(1))
                    ? after
                    : before)
                .add(pid);
          }
        }
      }
      assertThat(before).as("workers before the kill").contains(worker1, worker2.pid());
      assertThat(after).as("workers after the kill").isNotEmpty().containsOnly(worker2.pid());
    }
  }

  /** A client that retries a 503 with the same key, as the API asks. */
  private static int submit(SettleApi gateway, String key, int n) {
    String body =
        SettleApi.paymentBody("scale-a", "scale-b", String.format("%d.%02d", 1 + n / 100, n % 100));
    for (int attempt = 1; ; attempt++) {
      int status = gateway.pay(key, body).status();
      if (status != 503 || attempt == 5) {
        return status;
      }
      SettleApi.sleep(Duration.ofSeconds(1));
    }
  }

  private Map<String, Integer> ledgerRowsByOperation(String run) throws SQLException {
    Map<String, Integer> rows = new HashMap<>();
    try (Connection db = DriverManager.getConnection(stack.ledgerJdbcUrl(), "postgres", "");
        PreparedStatement query =
            db.prepareStatement(
                "select operation_id, count(*) from ledger_entry where operation_id like ? group by operation_id")) {
      query.setString(1, "demo%/" + run + "%"); // {client}:{run token}/{key}
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          rows.put(result.getString(1), result.getInt(2));
        }
      }
    }
    return rows;
  }
}
