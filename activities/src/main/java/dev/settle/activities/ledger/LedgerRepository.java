package dev.settle.activities.ledger;

import static dev.settle.activities.ledger.schema.Tables.LEDGER_ENTRY;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
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
   * statement, so a pair is never half written. Rows already there must be this same posting: an
   * earlier try's. Anything else under the reference is refused, never silently kept.
   *
   * @return how many rows this call inserted: 2, or 0 when an earlier try had posted them
   * @throws PostingConflict when the reference already holds another posting
   */
  @Transactional
  public int postPair(
      String operationId,
      String debitAccount,
      String creditAccount,
      BigDecimal amount,
      String currency) {
    int inserted =
        db.insertInto(
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
    if (inserted < 2) {
      requireSamePosting(operationId, debitAccount, creditAccount, amount, currency);
    }
    return inserted;
  }

  private void requireSamePosting(
      String operationId,
      String debitAccount,
      String creditAccount,
      BigDecimal amount,
      String currency) {
    List<String> differences = new ArrayList<>();
    for (var row :
        db.selectFrom(LEDGER_ENTRY)
            .where(LEDGER_ENTRY.OPERATION_ID.eq(operationId))
            .and(LEDGER_ENTRY.KIND.eq(POSTING))
            .orderBy(LEDGER_ENTRY.ID)
            .fetch()) {
      String account = row.getDirection().equals("DR") ? debitAccount : creditAccount;
      if (!row.getAccount().equals(account)
          || row.getAmount().compareTo(amount) != 0
          || !row.getCurrency().equals(currency)) {
        differences.add(
            row.getDirection()
                + " "
                + row.getAccount()
                + " "
                + row.getAmount().toPlainString()
                + " "
                + row.getCurrency());
      }
    }
    if (!differences.isEmpty()) {
      throw new PostingConflict(
          operationId
              + " already holds "
              + String.join(", ", differences)
              + "; asked DR "
              + debitAccount
              + " CR "
              + creditAccount
              + " "
              + amount.toPlainString()
              + " "
              + currency);
    }
  }

  /** The reference already holds another posting than the one asked for. */
  public static final class PostingConflict extends RuntimeException {
    PostingConflict(String message) {
      super(message);
    }
  }
}
