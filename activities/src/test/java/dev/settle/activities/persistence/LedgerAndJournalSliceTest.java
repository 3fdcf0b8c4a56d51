package dev.settle.activities.persistence;

import static dev.settle.activities.ledger.schema.Tables.LEDGER_ENTRY;
import static dev.settle.activities.ledger.schema.Tables.UPSTREAM_CALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.settle.activities.ledger.LedgerRepository;
import dev.settle.activities.upstream.CallJournal.Call;
import dev.settle.activities.upstream.CallOutcome;
import dev.settle.activities.upstream.PostgresCallJournal;
import dev.settle.stackkit.TestPostgres;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jooq.JooqTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ledger and the call journal against a real PostgreSQL with the worker's own migrations: what
 * the workflow tests mock away. Every statement commits (no test transaction to roll back), as in
 * the worker, so the table's own rules are what is tested.
 */
@JooqTest
@Import({LedgerRepository.class, PostgresCallJournal.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class LedgerAndJournalSliceTest {
  private static final TestPostgres POSTGRES = new TestPostgres("settle");

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", POSTGRES::start);
    registry.add("spring.datasource.username", POSTGRES::username);
    registry.add("spring.datasource.password", () -> "");
  }

  @AfterAll
  static void stop() {
    POSTGRES.stop();
  }

  @Autowired DSLContext db;
  @Autowired LedgerRepository ledger;
  @Autowired PostgresCallJournal journal;

  static String fresh(String what) {
    return what + "-" + UUID.randomUUID();
  }

  @Test
  void aPostingIsOneBalancedPairAndPostingItAgainAddsNothing() {
    String operation = fresh("op");

    assertThat(ledger.postPair(operation, "acct:a", "acct:b", new BigDecimal("12.50"), "EUR"))
        .isEqualTo(2);
    assertThat(ledger.postPair(operation, "acct:a", "acct:b", new BigDecimal("12.5000"), "EUR"))
        .as("a retry of the same posting")
        .isZero();

    var rows = db.selectFrom(LEDGER_ENTRY).where(LEDGER_ENTRY.OPERATION_ID.eq(operation)).fetch();
    assertThat(rows).hasSize(2);
    assertThat(rows)
        .extracting(
            r -> r.getDirection() + " " + r.getAccount() + " " + r.getAmount().toPlainString())
        .containsExactlyInAnyOrder("DR acct:a 12.5000", "CR acct:b 12.5000");
  }

  @Test
  void anotherPostingUnderTheSameReferenceIsRefusedAndTheFirstIsKept() {
    String operation = fresh("op");
    ledger.postPair(operation, "acct:a", "acct:b", new BigDecimal("10.00"), "EUR");

    assertThatThrownBy(
            () -> ledger.postPair(operation, "acct:a", "acct:b", new BigDecimal("11.00"), "EUR"))
        .isInstanceOf(LedgerRepository.PostingConflict.class)
        .hasMessageContaining("10.0000")
        .hasMessageContaining("11.00");
    assertThatThrownBy(
            () -> ledger.postPair(operation, "acct:a", "acct:c", new BigDecimal("10.00"), "EUR"))
        .isInstanceOf(LedgerRepository.PostingConflict.class)
        .hasMessageContaining("acct:c");
    assertThat(amounts(operation)).containsExactlyInAnyOrder("10.0000", "10.0000");
  }

  @Test
  void postingsRacingForOneReferenceWriteOnePair() throws Exception {
    String operation = fresh("op");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> tries = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Callable<Integer> post =
            () -> ledger.postPair(operation, "acct:a", "acct:b", new BigDecimal("3.00"), "EUR");
        tries.add(pool.submit(post));
      }
      int inserted = 0;
      for (Future<Integer> attempt : tries) {
        inserted += attempt.get();
      }
      assertThat(inserted).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
    assertThat(amounts(operation)).hasSize(2);
  }

  @Test
  void aReversalOffsetsThePostingOnceAndEveryAccountNetsToZero() {
    String operation = fresh("op");
    String debit = fresh("acct");
    String credit = fresh("acct");
    ledger.postPair(operation, debit, credit, new BigDecimal("7.25"), "EUR");

    assertThat(ledger.reversePair(operation)).isEqualTo(2);
    assertThat(ledger.reversePair(operation)).as("a retry of the reversal").isZero();
    assertThat(ledger.reversePair(fresh("never-posted"))).isZero();

    var reversals =
        db.selectFrom(LEDGER_ENTRY)
            .where(LEDGER_ENTRY.OPERATION_ID.eq(operation))
            .and(LEDGER_ENTRY.KIND.eq("REVERSAL"))
            .fetch();
    var postings =
        db.select(LEDGER_ENTRY.ID)
            .from(LEDGER_ENTRY)
            .where(LEDGER_ENTRY.OPERATION_ID.eq(operation))
            .and(LEDGER_ENTRY.KIND.eq("POSTING"))
            .fetch(LEDGER_ENTRY.ID);
    assertThat(reversals)
        .extracting(r -> r.getReversesEntryId())
        .containsExactlyInAnyOrderElementsOf(postings);
    for (String account : List.of(debit, credit)) {
      BigDecimal balance =
          db.fetchOne(
                  "select balance from account_balance where account = ? and currency = 'EUR'",
                  account)
              .get(0, BigDecimal.class);
      assertThat(balance).as("balance of %s", account).isEqualByComparingTo("0");
    }
  }

  @Test
  void theDatabaseRefusesToChangeOrRemoveLedgerAndJournalRows() {
    String operation = fresh("op");
    ledger.postPair(operation, "acct:a", "acct:b", new BigDecimal("1.00"), "EUR");
    journal.sent(new Call(fresh("wf/run/1"), 1, "payments", "/payments", "k"));

    for (String sql :
        List.of(
            "update ledger_entry set amount = 2 where operation_id = '" + operation + "'",
            "delete from ledger_entry where operation_id = '" + operation + "'",
            "truncate ledger_entry",
            "update upstream_call set attempt = 9",
            "delete from upstream_call",
            "truncate upstream_call")) {
      assertThatThrownBy(() -> db.execute(sql))
          .as(sql)
          .isInstanceOf(DataAccessException.class)
          .hasMessageContaining("append-only");
    }
    assertThat(amounts(operation)).containsExactlyInAnyOrder("1.0000", "1.0000");
  }

  @Test
  void anAttemptLearnsThatAnEarlierOneWentOutUnansweredButNotOneThatWasRefused() {
    String activity = fresh("wf/run/activity");
    Call first = new Call(activity, 1, "payments", "/payments", "k");
    Call second = new Call(activity, 2, "payments", "/payments", "k");
    Call third = new Call(activity, 3, "payments", "/payments", "k");

    assertThat(journal.sent(first)).isTrue();
    assertThat(journal.sent(first)).as("the same try run again (a local activity's)").isFalse();
    assertThat(journal.earlierAttemptThatMayHaveActed(first)).isEmpty();
    assertThat(journal.earlierAttemptThatMayHaveActed(second)).hasValue(1);

    // Refused: it did not act, so it does not make a later attempt ambiguous.
    String refusedActivity = fresh("wf/run/activity");
    Call refused = new Call(refusedActivity, 1, "payments", "/payments", "k");
    journal.sent(refused);
    journal.answered(refused, CallOutcome.NOT_EXECUTED, "503");
    journal.answered(refused, CallOutcome.NOT_EXECUTED, "503 again"); // kept once, no failure
    assertThat(
            journal.earlierAttemptThatMayHaveActed(
                new Call(refusedActivity, 2, "payments", "/payments", "k")))
        .isEmpty();

    // An answer that executed still counts as "may have acted": the upstream did act.
    journal.answered(second, CallOutcome.EXECUTED, "201");
    journal.sent(second);
    assertThat(journal.earlierAttemptThatMayHaveActed(third)).hasValue(1);
    assertThat(
            db.fetchCount(
                db.selectFrom(UPSTREAM_CALL).where(UPSTREAM_CALL.ACTIVITY.eq(refusedActivity))))
        .isEqualTo(2);
  }

  @Test
  void anOversizedAnswerDetailIsCutToFitNotLost() {
    Call call = new Call(fresh("wf/run/activity"), 1, "payments", "/payments", "k");
    journal.sent(call);
    journal.answered(call, CallOutcome.AMBIGUOUS, "x".repeat(5000));

    String detail =
        db.select(UPSTREAM_CALL.DETAIL)
            .from(UPSTREAM_CALL)
            .where(UPSTREAM_CALL.ACTIVITY.eq(call.activity()))
            .and(UPSTREAM_CALL.EVENT.eq("ANSWERED"))
            .fetchOne(UPSTREAM_CALL.DETAIL);
    assertThat(detail).hasSize(1000);
  }

  private List<String> amounts(String operation) {
    return db.select(LEDGER_ENTRY.AMOUNT)
        .from(LEDGER_ENTRY)
        .where(LEDGER_ENTRY.OPERATION_ID.eq(operation))
        .fetch(r -> r.value1().toPlainString());
  }
}
