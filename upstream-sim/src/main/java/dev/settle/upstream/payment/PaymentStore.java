package dev.settle.upstream.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The payment and payment_refund tables. Uniqueness of the key is the database's job, not a prior
 * read's.
 */
@Repository
class PaymentStore {

  private static final String COLUMNS =
      "idempotency_key, payment_id, fingerprint, debit_account, credit_account, amount, currency,"
          + " created_at";

  private final JdbcClient jdbc;

  PaymentStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Payment> find(String key) {
    return jdbc.sql(
            "SELECT p.idempotency_key, p.payment_id, p.fingerprint, p.debit_account,"
                + " p.credit_account, p.amount, p.currency, p.created_at, r.refunded_at"
                + " FROM payment p LEFT JOIN payment_refund r USING (idempotency_key)"
                + " WHERE p.idempotency_key = :key")
        .param("key", key)
        .query(PaymentStore::map)
        .optional();
  }

  /**
   * Inserts unless the key exists. A concurrent insert of the same key waits for the other
   * transaction and then does nothing, so exactly one caller gets the row back.
   */
  Optional<Payment> insertIfAbsent(
      String key, String paymentId, String fingerprint, PaymentRequest request) {
    return jdbc.sql(
            "INSERT INTO payment (idempotency_key, payment_id, fingerprint, debit_account,"
                + " credit_account, amount, currency)"
                + " VALUES (:key, :paymentId, :fingerprint, :debit, :credit, :amount, :currency)"
                + " ON CONFLICT (idempotency_key) DO NOTHING RETURNING "
                + COLUMNS
                + ", NULL::timestamptz AS refunded_at")
        .param("key", key)
        .param("paymentId", paymentId)
        .param("fingerprint", fingerprint)
        .param("debit", request.debitAccount())
        .param("credit", request.creditAccount())
        .param("amount", request.amount())
        .param("currency", request.currency())
        .query(PaymentStore::map)
        .optional();
  }

  /**
   * Records the refund of the payment under the key unless one exists; {@code true} for the one
   * caller whose insert took effect, however many race. The payment must exist (foreign key).
   */
  boolean insertRefundIfAbsent(String key, String refundId) {
    return jdbc.sql(
                "INSERT INTO payment_refund (idempotency_key, refund_id) VALUES (:key, :refundId)"
                    + " ON CONFLICT (idempotency_key) DO NOTHING")
            .param("key", key)
            .param("refundId", refundId)
            .update()
        == 1;
  }

  /** The charges committed on that day (UTC), oldest first: the statement's lines. */
  java.util.List<Payment> chargedOn(java.time.LocalDate day) {
    return jdbc.sql(
            "SELECT p.idempotency_key, p.payment_id, p.fingerprint, p.debit_account,"
                + " p.credit_account, p.amount, p.currency, p.created_at, r.refunded_at"
                + " FROM payment p LEFT JOIN payment_refund r USING (idempotency_key)"
                + " WHERE p.created_at >= :from AND p.created_at < :to"
                + " ORDER BY p.created_at, p.idempotency_key")
        .param("from", day.atStartOfDay().atOffset(java.time.ZoneOffset.UTC))
        .param("to", day.plusDays(1).atStartOfDay().atOffset(java.time.ZoneOffset.UTC))
        .query(PaymentStore::map)
        .list();
  }

  private static Payment map(ResultSet rs, int row) throws SQLException {
    OffsetDateTime refundedAt = rs.getObject("refunded_at", OffsetDateTime.class);
    return new Payment(
        rs.getString("idempotency_key"),
        rs.getString("payment_id"),
        rs.getString("fingerprint"),
        rs.getString("debit_account"),
        rs.getString("credit_account"),
        rs.getBigDecimal("amount"),
        rs.getString("currency"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        refundedAt == null ? null : refundedAt.toInstant());
  }
}
