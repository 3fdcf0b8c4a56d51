package dev.settle.e2e;

import static dev.settle.e2e.SettleApi.paymentBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ledger in the real PostgreSQL: balanced, and append-only whatever a client of the DB tries.
 */
@ExtendWith(SettleStack.class)
class LedgerIT {
  final SettleStack stack = SettleStack.get();
  final SettleApi api = new SettleApi(stack);

  @Test
  void ledgerRowsCannotBeChangedOrRemoved() throws SQLException {
    String key = "ledger-" + System.nanoTime();
    assertThat(api.pay(key, paymentBody("kim", "lee", "3.30")).operationStatus())
        .isEqualTo("CONFIRMED");

    try (Connection db = DriverManager.getConnection(stack.ledgerJdbcUrl(), "postgres", "");
        Statement sql = db.createStatement()) {
      String where = " where operation_id = '" + api.upstreamKey(key) + "'";
      assertThatThrownBy(() -> sql.executeUpdate("update ledger_entry set amount = 1" + where))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> sql.executeUpdate("delete from ledger_entry" + where))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> sql.executeUpdate("truncate ledger_entry"))
          .hasMessageContaining("append-only");
    }
    api.assertOneBalancedPosting(key, "kim", "lee", "3.30");
  }

  @Test
  void everyOperationBalancesToZero() throws SQLException {
    api.pay("ledger-sum-" + System.nanoTime(), paymentBody("mia", "ned", "0.01"));
    try (Connection db = DriverManager.getConnection(stack.ledgerJdbcUrl(), "postgres", "");
        Statement sql = db.createStatement();
        ResultSet unbalanced =
            sql.executeQuery(
                "select operation_id from ledger_entry group by operation_id, currency"
                    + " having sum(case when direction = 'CR' then amount else -amount end) <> 0")) {
      assertThat(unbalanced.next()).as("an operation whose entries do not sum to zero").isFalse();
    }
    try (Connection db = DriverManager.getConnection(stack.ledgerJdbcUrl(), "postgres", "");
        Statement sql = db.createStatement();
        ResultSet total =
            sql.executeQuery("select coalesce(sum(balance), 0) from account_balance")) {
      total.next();
      assertThat(total.getBigDecimal(1)).isEqualByComparingTo(BigDecimal.ZERO);
    }
  }
}
