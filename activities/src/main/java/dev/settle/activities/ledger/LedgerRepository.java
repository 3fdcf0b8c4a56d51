package dev.settle.activities.ledger;

import static dev.settle.activities.ledger.schema.Tables.LEDGER_ENTRY;

import java.math.BigDecimal;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Writes ledger entries. It can only insert: the table refuses updates and deletes. */
@Repository
public class LedgerRepository {
  static final String POSTING = "POSTING";
  static final String REVERSAL = "REVERSAL";

  private final DSLContext db;

  public LedgerRepository(DSLContext db) {
    this.db = db;
  }

  /**
   * Offsets every POSTING row of the operation with a REVERSAL row in the other direction that
   * points at it, unless that was done already.
   *
   * @return rows inserted: 2, or 0 when an earlier try had reversed them (or nothing was posted)
   */
  @Transactional
  public int reversePair(String operationId) {
    var original = LEDGER_ENTRY.as("original");
    return db.insertInto(
            LEDGER_ENTRY,
            LEDGER_ENTRY.OPERATION_ID,
            LEDGER_ENTRY.KIND,
            LEDGER_ENTRY.ACCOUNT,
            LEDGER_ENTRY.DIRECTION,
            LEDGER_ENTRY.AMOUNT,
            LEDGER_ENTRY.CURRENCY,
            LEDGER_ENTRY.REVERSES_ENTRY_ID)
        .select(
            db.select(
                    original.OPERATION_ID,
                    DSL.inline(REVERSAL),
                    original.ACCOUNT,
                    DSL.when(original.DIRECTION.eq("DR"), DSL.inline("CR"))
                        .otherwise(DSL.inline("DR")),
                    original.AMOUNT,
                    original.CURRENCY,
                    original.ID)
                .from(original)
                .where(original.OPERATION_ID.eq(operationId))
                .and(original.KIND.eq(POSTING)))
        .onConflict(LEDGER_ENTRY.OPERATION_ID, LEDGER_ENTRY.KIND, LEDGER_ENTRY.DIRECTION)
        .doNothing()
        .execute();
  }

  /**
   * Inserts the balanced pair for an operation unless it is already there. Both rows go in one
   * statement, so a pair is never half written.
   *
   * @return how many rows this call inserted: 2, or 0 when an earlier try had posted them
   */
  @Transactional
  public int postPair(
      String operationId,
      String debitAccount,
      String creditAccount,
      BigDecimal amount,
      String currency) {
    return db.insertInto(
            LEDGER_ENTRY,
            LEDGER_ENTRY.OPERATION_ID,
            LEDGER_ENTRY.KIND,
            LEDGER_ENTRY.ACCOUNT,
            LEDGER_ENTRY.DIRECTION,
            LEDGER_ENTRY.AMOUNT,
            LEDGER_ENTRY.CURRENCY)
        .values(operationId, POSTING, debitAccount, "DR", amount, currency)
        .values(operationId, POSTING, creditAccount, "CR", amount, currency)
        .onConflict(LEDGER_ENTRY.OPERATION_ID, LEDGER_ENTRY.KIND, LEDGER_ENTRY.DIRECTION)
        .doNothing()
        .execute();
  }
}
