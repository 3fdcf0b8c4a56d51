package dev.settle.chaos.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.settle.chaos.run.RequestRecord;
import dev.settle.chaos.run.RunLog;
import dev.settle.chaos.schedule.PlannedOperation;
import dev.settle.chaos.schedule.PlannedOperation.Item;
import dev.settle.chaos.schedule.PlannedOperation.Type;
import dev.settle.chaos.schedule.Schedule;
import dev.settle.stackkit.http.Http;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractListAssert;
import org.junit.jupiter.api.Test;

/** Each invariant on hand-made facts: silent when they hold, naming the key when they do not. */
class InvariantsTest {
  static final PlannedOperation PAY =
      new PlannedOperation(0, "r-0", Type.PAYMENT, "r.a1", "r.a2", "10.00", List.of(), 2, false);
  static final PlannedOperation ORDER =
      new PlannedOperation(
          1, "r-1", Type.ORDER, "r.c1", "r.m0", "30.00", List.of(new Item("r-sku0", 2)), 1, true);

  final List<RequestRecord> requests = new ArrayList<>();
  final Map<String, JsonNode> operations = new HashMap<>();
  final Map<String, Map<String, Integer>> effects = new HashMap<>();
  final Map<String, List<LedgerRow>> ledger = new HashMap<>();
  final Map<String, BigDecimal> balances = new HashMap<>();
  final Map<String, BigDecimal> charges = new HashMap<>();
  final Map<String, Long> stock = new HashMap<>(Map.of("r-sku0", 98L));

  /** Both operations CONFIRMED, as they should be everywhere. */
  InvariantsTest() {
    status(PAY, "CONFIRMED");
    status(ORDER, "CONFIRMED");
    effects.put("demo/r-0", new HashMap<>(Map.of("payment.charge", 1)));
    effects.put(
        "demo/r-1",
        new HashMap<>(Map.of("order.create", 1, "stock.reserve", 1, "payment.charge", 1)));
    ledger.put("demo/r-0", new ArrayList<>(posting(1, "r.a1", "r.a2", "10.0000")));
    ledger.put("demo/r-1", new ArrayList<>(posting(3, "r.c1", "r.m0", "30.0000")));
    balances.putAll(
        Map.of(
            "r.a1",
            new BigDecimal("-10"),
            "r.a2",
            new BigDecimal("10"),
            "r.c1",
            new BigDecimal("-30"),
            "r.m0",
            new BigDecimal("30")));
    charges.put("demo/r-0", new BigDecimal("10.00"));
    charges.put("demo/r-1", new BigDecimal("30"));
    requests.add(answer(PAY, 201, "CONFIRMED"));
    requests.add(answer(PAY, 202, "PENDING"));
    requests.add(answer(ORDER, 202, "UNKNOWN"));
    requests.add(
        new RequestRecord(
            "r-1", 1, true, 1, 0, 5, 422, null, "idempotency-key-reused", null, null, null));
  }

  static List<LedgerRow> posting(long id, String debit, String credit, String amount) {
    return List.of(
        new LedgerRow(id, "POSTING", debit, "DR", new BigDecimal(amount), "EUR", null),
        new LedgerRow(id + 1, "POSTING", credit, "CR", new BigDecimal(amount), "EUR", null));
  }

  static RequestRecord answer(PlannedOperation op, int status, String opStatus) {
    return new RequestRecord(
        op.key(), 0, false, 1, 0, 10, status, null, null, opStatus, op.key(), op.amount());
  }

  void status(PlannedOperation op, String status) {
    operations.put(op.key(), Http.JSON.createObjectNode().put("status", status));
  }

  List<Violation> check() {
    Schedule schedule =
        new Schedule(
            1, "r", List.of(PAY, ORDER), List.of(), List.of(), List.of(), Map.of("r-sku0", 100L));
    RunLog log = new RunLog(schedule, 0, 0, 0, requests, Map.of(), List.of(), 0);
    return Invariants.check(log, new Facts(operations, effects, ledger, balances, charges, stock));
  }

  AbstractListAssert<
          ?, List<? extends org.assertj.core.groups.Tuple>, org.assertj.core.groups.Tuple, ?>
      keysAndInvariants() {
    return assertThat(check()).extracting(Violation::key, Violation::invariant);
  }

  @Test
  void holdsWhenEverySourceAgrees() {
    assertThat(check()).isEmpty();
  }

  @Test
  void anEffectAppliedTwiceIsOneViolationOfItsKey() {
    effects.get("demo/r-0").put("payment.charge", 2);

    keysAndInvariants().containsExactly(tuple("r-0", "upstream-at-most-once"));
  }

  @Test
  void aFailedPaymentThatWasChargedIsCaught() {
    status(PAY, "FAILED");
    requests.removeIf(r -> r.key().equals("r-0"));
    requests.add(answer(PAY, 202, "PENDING"));
    ledger.remove("demo/r-0");
    balances.putAll(Map.of("r.a1", BigDecimal.ZERO, "r.a2", BigDecimal.ZERO));

    keysAndInvariants().containsExactly(tuple("r-0", "failed-not-applied"));
  }

  @Test
  void aConfirmedPaymentNeverChargedIsCaught() {
    effects.remove("demo/r-0");
    charges.remove("demo/r-0");

    keysAndInvariants().containsExactly(tuple("r-0", "confirmed-applied-once"));
  }

  @Test
  void aConfirmedPaymentWithoutItsPostingBreaksTheLedgerAndTheBalances() {
    ledger.remove("demo/r-0");
    balances.putAll(Map.of("r.a1", BigDecimal.ZERO, "r.a2", BigDecimal.ZERO));

    keysAndInvariants()
        .containsExactlyInAnyOrder(
            tuple("r-0", "ledger-posting"),
            tuple("r.a1", "account-balance"),
            tuple("r.a2", "account-balance"));
  }

  @Test
  void anUnbalancedOperationIsCaught() {
    ledger
        .get("demo/r-0")
        .add(new LedgerRow(9, "REVERSAL", "r.a1", "CR", new BigDecimal("10"), "EUR", 1L));
    balances.put("r.a1", BigDecimal.ZERO);

    keysAndInvariants().contains(tuple("r-0", "ledger-balanced"), tuple("r.a1", "account-balance"));
  }

  @Test
  void anUnwoundOrderMustHaveEveryStepUndone() {
    status(ORDER, "FAILED");
    effects.put(
        "demo/r-1",
        new HashMap<>(Map.of("order.create", 1, "stock.reserve", 1, "stock.release", 1)));
    ledger.remove("demo/r-1");
    charges.remove("demo/r-1");
    balances.putAll(Map.of("r.c1", BigDecimal.ZERO, "r.m0", BigDecimal.ZERO));
    stock.put("r-sku0", 100L);

    keysAndInvariants().containsExactly(tuple("r-1", "failed-compensated"));

    effects.get("demo/r-1").put("order.cancel", 1);
    assertThat(check()).isEmpty();
  }

  @Test
  void aClientToldConfirmedOfAFailedOperationIsCaught() {
    status(PAY, "FAILED");
    effects.remove("demo/r-0");
    charges.remove("demo/r-0");
    ledger.remove("demo/r-0");
    balances.putAll(Map.of("r.a1", BigDecimal.ZERO, "r.a2", BigDecimal.ZERO));

    keysAndInvariants().containsExactly(tuple("r-0", "answer-consistent"));
  }

  @Test
  void aMismatchedPayloadNotRefusedIsCaught() {
    requests.removeIf(RequestRecord::mismatch);
    requests.add(
        new RequestRecord("r-1", 1, true, 1, 0, 5, 202, null, null, "PENDING", "r-1", null));

    keysAndInvariants().containsExactly(tuple("r-1", "mismatch-422"));
  }

  @Test
  void onlyTheDocumented503IsAllowed() {
    requests.add(
        new RequestRecord(
            "r-0", 1, false, 1, 0, 5, 503, null, "engine-unavailable", null, null, null));
    requests.add(new RequestRecord("r-0", 1, false, 2, 0, 5, 0, "CONNECT", null, null, null, null));
    assertThat(check()).isEmpty();

    requests.add(
        new RequestRecord("r-0", 1, false, 3, 0, 5, 500, null, "internal", null, null, null));
    keysAndInvariants().containsExactly(tuple("r-0", "no-5xx"));
  }

  @Test
  void aStatusThatIsNotFinalAfterTheSettleTimeIsCaught() {
    status(PAY, "UNKNOWN");
    status(ORDER, "MANUAL_REVIEW");

    keysAndInvariants().contains(tuple("r-0", "settled"), tuple("r-1", "no-manual-review"));
  }

  @Test
  void effectsAndEntriesNoClientAskedForAreCaught() {
    effects.put("demo/r-77", Map.of("payment.charge", 1));
    ledger.put("demo/r-78", posting(20, "x", "y", "1"));

    keysAndInvariants()
        .containsExactlyInAnyOrder(
            tuple("demo/r-77", "nothing-else"), tuple("demo/r-78", "nothing-else"));
  }

  @Test
  void stockMustMatchTheConfirmedOrders() {
    stock.put("r-sku0", 96L);

    keysAndInvariants().containsExactly(tuple("r-sku0", "stock"));
  }
}
