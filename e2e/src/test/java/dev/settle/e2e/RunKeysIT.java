package dev.settle.e2e;

import static dev.settle.e2e.SettleApi.paymentBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.settle.e2e.SettleApi.Reply;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each run of an operation goes upstream and into the ledger under a key of its own, so a key a
 * client uses again after Temporal forgot the first run (retention, or {@code temporal workflow
 * delete}) is a new operation, never a silent replay; and the ledger never takes another posting
 * under a reference in silence.
 */
@ExtendWith(SettleStack.class)
class RunKeysIT {
  static final Duration WITHIN = Duration.ofSeconds(90);

  final SettleStack stack = SettleStack.get();
  final SettleApi api = new SettleApi(stack);
  String key;

  @BeforeEach
  void freshKey(TestInfo test) {
    key = test.getTestMethod().orElseThrow().getName() + "-" + System.nanoTime();
    api.clearFaults();
  }

  @AfterEach
  void restore() {
    api.clearFaults();
  }

  @Test
  void aKeySentAgainAfterItsWorkflowWasDeletedIsANewOperationUnderANewUpstreamKey() {
    Reply first = api.pay(key, paymentBody("ruth", "sam", "6.10"));
    assertThat(first.status()).as("%s", first.body()).isEqualTo(201);
    String firstKey = first.body().path("upstreamKey").asText();
    assertThat(firstKey).startsWith("demo:").endsWith("/" + key);

    stack.temporal("workflow", "delete", "--workflow-id", "demo/" + key, "--yes");
    // Deletion is asynchronous: the key is free once the status URL no longer knows it.
    api.awaitGone(key, WITHIN);
    Reply second = api.pay(key, paymentBody("ruth", "sam", "6.10"));

    assertThat(second.status()).as("%s", second.body()).isEqualTo(201);
    assertThat(second.operationStatus()).isEqualTo("CONFIRMED");
    String secondKey = second.body().path("upstreamKey").asText();
    assertThat(secondKey).startsWith("demo:").endsWith("/" + key).isNotEqualTo(firstKey);
    assertThat(api.appliedUnder(firstKey)).as("effects under the first run's key").isEqualTo(1);
    assertThat(api.appliedUnder(secondKey)).as("effects under the second run's key").isEqualTo(1);
    api.assertOneBalancedPostingUnder(firstKey, "ruth", "sam", "6.10");
    api.assertOneBalancedPostingUnder(secondKey, "ruth", "sam", "6.10");
    assertThat(second.body().path("ledgerPosted").asBoolean()).isTrue();
  }

  @Test
  void aPostingTheLedgerAlreadyHoldsDifferentlyGoesToAnOperatorWithTheReason() throws SQLException {
    // The charge commits and its answer is lost; the status endpoint stays down meanwhile.
    api.fault("{\"mode\":\"STATUS_UNAVAILABLE\"}");
    api.fault("{\"mode\":\"COMMIT_THEN_TIMEOUT\",\"count\":1,\"latencyMs\":4000}");
    assertThat(api.pay(key, paymentBody("tina", "ugo", "7.70")).status()).isIn(201, 202);
    JsonNode unknown = api.awaitStatus(key, "UNKNOWN", WITHIN);
    String reference = unknown.path("upstreamKey").asText();
    // Another posting under the operation's reference (a bug, or a hand-made row).
    insertPosting(reference, "mallory", "ugo", "70.00");

    api.clearFaults();
    api.reconcile(key);
    JsonNode review = api.awaitStatus(key, "MANUAL_REVIEW", WITHIN);

    assertThat(review.path("ledgerPosted").asBoolean()).isFalse();
    assertThat(review.path("attempts").toString())
        .contains("ledger refused the posting", "mallory", "tina");
    assertThat(api.applied(key)).isEqualTo(1);
    assertThat(api.ledgerUnder(reference))
        .extracting(SettleApi.Entry::account)
        .containsExactlyInAnyOrder("mallory", "ugo");
  }

  private void insertPosting(String reference, String debit, String credit, String amount)
      throws SQLException {
    try (Connection db = DriverManager.getConnection(stack.ledgerJdbcUrl(), "postgres", "");
        PreparedStatement insert =
            db.prepareStatement(
                "insert into ledger_entry (operation_id, kind, account, direction, amount, currency)"
                    + " values (?, 'POSTING', ?, 'DR', ?::numeric, 'EUR'),"
                    + " (?, 'POSTING', ?, 'CR', ?::numeric, 'EUR')")) {
      insert.setString(1, reference);
      insert.setString(2, debit);
      insert.setString(3, amount);
      insert.setString(4, reference);
      insert.setString(5, credit);
      insert.setString(6, amount);
      insert.executeUpdate();
    }
  }
}
