package dev.settle.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.settle.chaos.check.Violation;
import dev.settle.chaos.report.ReportPrinter;
import dev.settle.chaos.run.ProcessFaultRecord;
import dev.settle.chaos.schedule.FaultPlan;
import dev.settle.chaos.schedule.PlannedOperation;
import dev.settle.chaos.schedule.ProcessFault;
import dev.settle.chaos.stack.OwnStack;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A small seeded chaos run against a stack of its own (every fault kind, one kill or restart of the
 * worker, the gateway and Temporal) ends with zero violations; then the checker, run again on its
 * own, catches an invariant broken on purpose behind the system's back, with its key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosIT {
  static final int OPERATIONS = 200;
  static final long SEED = 20261127;

  final Path repo = Path.of(System.getProperty("settle.repo", "..")).toAbsolutePath().normalize();
  OwnStack stack;
  Chaos.Outcome run;

  @BeforeAll
  void runOnce() throws Exception {
    stack = OwnStack.create(repo, repo.resolve("chaos/target/it-stack")).up();
    run =
        Chaos.run(
            stack.target(),
            OPERATIONS,
            SEED,
            8,
            Duration.ofMinutes(6),
            repo.resolve("chaos/target/it"));
    new ReportPrinter(System.err)
        .print(run.report()); // in the failsafe output, for whoever reads a failure
  }

  @AfterAll
  void down() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void aSeededRunWithFaultsCrashesAndDuplicatesEndsWithoutViolations() {
    assertThat(run.report().violations()).isEmpty();
    assertThat(run.report().operations()).isEqualTo(OPERATIONS);
    assertThat(run.report().outcomes()).containsKeys("PAYMENT CONFIRMED", "ORDER CONFIRMED");
    assertThat(run.report().reconciled()).isPositive();
    assertThat(run.report().mismatches422()).isEqualTo(run.report().mismatchesSent()).isPositive();
  }

  @Test
  @Order(2)
  void everyKindOfFaultReallyHappened() {
    for (String mode :
        List.of(
            FaultPlan.COMMIT_THEN_TIMEOUT,
            FaultPlan.FAIL_BEFORE_COMMIT,
            FaultPlan.COMMIT_THEN_RESET,
            FaultPlan.TIMEOUT_BEFORE_COMMIT,
            FaultPlan.LATENCY,
            FaultPlan.STATUS_UNAVAILABLE,
            FaultPlan.OUTAGE)) {
      assertThat(run.report().faultsFired().getOrDefault(mode, 0L))
          .as("firings of %s", mode)
          .isPositive();
    }
    assertThat(run.report().faultShare(FaultPlan.COMMIT_THEN_TIMEOUT)).isGreaterThanOrEqualTo(30.0);
    assertThat(run.report().processFaults())
        .extracting(ProcessFaultRecord::kind, ProcessFaultRecord::ok)
        .containsExactlyInAnyOrder(
            tuple(ProcessFault.Kind.WORKER_KILL.name(), true),
            tuple(ProcessFault.Kind.GATEWAY_RESTART.name(), true),
            tuple(ProcessFault.Kind.TEMPORAL_RESTART.name(), true));
    // While the gateway was down, clients got no connection and retried with the same key.
    assertThat(run.report().answers()).containsKey("no answer (CONNECT)");
  }

  @Test
  @Order(3)
  void theCheckerCatchesAnUpstreamEffectAppliedTwice() throws Exception {
    String key = confirmedPayment(0).key();
    // A key of the form runs had before per-run keys: the checker reads it as the same operation.
    String upstreamKey = "demo/" + key;
    sql(
        "upstream",
        "insert into effect (idempotency_key, kind) values (?, 'payment.charge')",
        upstreamKey);
    try {
      List<Violation> found = Chaos.check(stack.target(), run.logFile()).checked().violations();

      assertThat(found)
          .extracting(Violation::key, Violation::invariant)
          .containsExactly(tuple(key, "upstream-at-most-once"));
    } finally {
      // The effect log is not append-only: put it back for the next test.
      sql(
          "upstream",
          "delete from effect where id = (select max(id) from effect where idempotency_key = ?)",
          upstreamKey);
    }
    assertThat(Chaos.check(stack.target(), run.logFile()).checked().violations()).isEmpty();
  }

  @Test
  @Order(4)
  void theCheckerCatchesALedgerReversalNoCompensationAskedFor() throws Exception {
    PlannedOperation op = confirmedPayment(1);
    String reference = "demo:%/" + op.key(); // the ledger reference of its run
    // Reverses the payment's posting in the ledger although nothing was refunded.
    sql(
        "settle",
        "insert into ledger_entry (operation_id, kind, account, direction, amount, currency, reverses_entry_id)"
            + " select operation_id, 'REVERSAL', account, case direction when 'DR' then 'CR' else 'DR' end, amount,"
            + " currency, id from ledger_entry where operation_id like ? and kind = 'POSTING'",
        reference);

    List<Violation> found = Chaos.check(stack.target(), run.logFile()).checked().violations();

    assertThat(found)
        .extracting(Violation::key, Violation::invariant)
        .containsExactlyInAnyOrder(
            tuple(op.key(), "ledger-posting"),
            tuple(op.debitAccount(), "account-balance"),
            tuple(op.creditAccount(), "account-balance"));
  }

  /** The n-th CONFIRMED payment of the run whose accounts no other test here touched. */
  private PlannedOperation confirmedPayment(int n) {
    return run.log().schedule().operations().stream()
        .filter(op -> op.type() == PlannedOperation.Type.PAYMENT)
        .filter(
            op -> {
              JsonNode view = run.checked().facts().operations().get(op.key());
              return view != null && "CONFIRMED".equals(view.path("status").asText());
            })
        .skip(n)
        .findFirst()
        .orElseThrow();
  }

  private void sql(String database, String statement, String parameter) throws SQLException {
    try (Connection db =
            DriverManager.getConnection(stack.target().jdbcUrl(database), "postgres", "");
        PreparedStatement update = db.prepareStatement(statement)) {
      update.setString(1, parameter);
      assertThat(update.executeUpdate()).isPositive();
    }
  }
}
