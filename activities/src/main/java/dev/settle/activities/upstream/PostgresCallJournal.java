package dev.settle.activities.upstream;

import static dev.settle.activities.ledger.schema.Tables.UPSTREAM_CALL;

import dev.settle.activities.ledger.schema.tables.UpstreamCall;
import java.util.OptionalInt;
import org.jooq.DSLContext;
import org.jooq.InsertSetMoreStep;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Repository;

/** The call journal in the worker's database (table {@code upstream_call}, append-only). */
@Repository
public class PostgresCallJournal implements CallJournal {
  private static final Logger log = LoggerFactory.getLogger(PostgresCallJournal.class);
  static final String SENT = "SENT";
  static final String ANSWERED = "ANSWERED";
  private static final int MAX_DETAIL = 1000;

  private final DSLContext db;

  public PostgresCallJournal(DSLContext db) {
    this.db = db;
  }

  @Override
  public boolean sent(Call call) {
    return row(call, SENT).onConflictDoNothing().execute() == 1;
  }

  @Override
  public void answered(Call call, CallOutcome outcome, String detail) {
    try {
      row(call, ANSWERED)
          .set(UPSTREAM_CALL.OUTCOME, outcome.name())
          .set(UPSTREAM_CALL.DETAIL, truncated(detail))
          .onConflictDoNothing()
          .execute();
    } catch (RuntimeException failure) {
      // Without this row later attempts treat the call as possibly acted on: slower, never wrong.
      log.warn("could not journal the answer of {}: {}", call, failure.toString());
    }
  }

  @Override
  public OptionalInt earlierAttemptThatMayHaveActed(Call call) {
    UpstreamCall sent = UPSTREAM_CALL.as("sent");
    UpstreamCall refused = UPSTREAM_CALL.as("refused");
    Integer earliest =
        db.select(DSL.min(sent.ATTEMPT))
            .from(sent)
            .where(sent.ACTIVITY.eq(call.activity()))
            .and(sent.ATTEMPT.lt(call.attempt()))
            .and(sent.EVENT.eq(SENT))
            .andNotExists(
                db.selectOne()
                    .from(refused)
                    .where(refused.ACTIVITY.eq(sent.ACTIVITY))
                    .and(refused.ATTEMPT.eq(sent.ATTEMPT))
                    .and(refused.EVENT.eq(ANSWERED))
                    .and(refused.OUTCOME.eq(CallOutcome.NOT_EXECUTED.name())))
            .fetchOne(0, Integer.class);
    return earliest == null ? OptionalInt.empty() : OptionalInt.of(earliest);
  }

  private InsertSetMoreStep<?> row(Call call, String event) {
    return db.insertInto(UPSTREAM_CALL)
        .set(UPSTREAM_CALL.ACTIVITY, call.activity())
        .set(UPSTREAM_CALL.ATTEMPT, call.attempt())
        .set(UPSTREAM_CALL.EVENT, event)
        .set(UPSTREAM_CALL.UPSTREAM, call.upstream())
        .set(UPSTREAM_CALL.PATH, call.path())
        .set(UPSTREAM_CALL.IDEMPOTENCY_KEY, call.idempotencyKey());
  }

  private static String truncated(String detail) {
    if (detail == null || detail.length() <= MAX_DETAIL) {
      return detail;
    }
    return detail.substring(0, MAX_DETAIL);
  }
}
