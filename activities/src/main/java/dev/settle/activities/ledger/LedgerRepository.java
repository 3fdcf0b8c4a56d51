package dev.settle.activities.ledger;

import static dev.settle.activities.ledger.schema.Tables.LEDGER_ENTRY;

import java.math.BigDecimal;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Writes ledger entries. It can only insert: the table refuses updates and deletes. */
@Repository
public class LedgerRepository {
  static final String POSTING = "POSTING";

  private final DSLContext db;

  public LedgerRepository(DSLContext db) {
    this.db = db;
  }

  /**
   * Inserts the balanced pair for an operation unless it is already there. Both rows go in one
   * statement, so a pair is never half written.
   *
   * @return how many rows this call inserted: 2, or 0 when an earlier try had posted them
   */
  @Transactional
  public int postPair(
      String operationId, String debitAccount, String creditAccount, BigDecimal amount, String currency) {
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
