package dev.settle.chaos.check;

import dev.settle.chaos.http.GatewayClient;
import dev.settle.chaos.run.RunLog;
import dev.settle.chaos.schedule.PlannedOperation;
import dev.settle.chaos.schedule.PlannedOperation.Item;
import dev.settle.chaos.schedule.PlannedOperation.Type;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What upstream-sim applied agrees with how each operation ended: at most once per kind, all of a
 * CONFIRMED operation, none (or all undone) of a failed one, and the stock that is left.
 */
record UpstreamInvariants(Facts facts, Violations violations) {
  static final String PAYMENT_CHARGE = "payment.charge";
  static final String PAYMENT_REFUND = "payment.refund";
  static final String ORDER_CREATE = "order.create";
  static final String ORDER_CANCEL = "order.cancel";
  static final String STOCK_RESERVE = "stock.reserve";
  static final String STOCK_RELEASE = "stock.release";

  void check(PlannedOperation op, String status) {
    String upstreamKey = GatewayClient.workflowId(op.key());
    Map<String, Integer> kinds = facts.effects().getOrDefault(upstreamKey, Map.of());
    Map<String, Integer> twice = new TreeMap<>();
    kinds.forEach(
        (kind, n) -> {
          if (n > 1) {
            twice.put(kind, n);
          }
        });
    if (!twice.isEmpty()) {
      violations.add(
          op.key(), "upstream-at-most-once", "applied more than once at the upstream: " + twice);
      return; // the status rules below would only repeat it
    }
    if (op.type() == Type.PAYMENT) {
      payment(op, status, kinds);
    } else {
      order(op, status, kinds);
    }
    BigDecimal charged = facts.upstreamCharges().get(upstreamKey);
    if (charged != null && charged.compareTo(new BigDecimal(op.amount())) != 0) {
      violations.add(
          op.key(), "upstream-amount", "charged " + charged + " instead of " + op.amount());
    }
  }

  private void payment(PlannedOperation op, String status, Map<String, Integer> kinds) {
    int charge = kinds.getOrDefault(PAYMENT_CHARGE, 0);
    Set<String> others = new TreeSet<>(kinds.keySet());
    others.removeAll(Set.of(PAYMENT_CHARGE));
    others.removeIf(kind -> kinds.get(kind) == 0);
    if (!others.isEmpty()) {
      violations.add(op.key(), "upstream-effects", "a payment with other effects: " + kinds);
    } else if (status.equals("CONFIRMED") && charge != 1) {
      violations.add(
          op.key(), "confirmed-applied-once", "CONFIRMED but charged " + charge + " times");
    } else if (!status.equals("CONFIRMED")
        && charge != 0
        && OperationStatus.FINAL.contains(status)) {
      violations.add(
          op.key(), "failed-not-applied", status + " but charged " + charge + " time(s)");
    } else if (status.equals("ABSENT") && charge != 0) {
      violations.add(op.key(), "failed-not-applied", "never started but charged");
    }
  }

  private void order(PlannedOperation op, String status, Map<String, Integer> kinds) {
    int charge = kinds.getOrDefault(PAYMENT_CHARGE, 0);
    int refund = kinds.getOrDefault(PAYMENT_REFUND, 0);
    int create = kinds.getOrDefault(ORDER_CREATE, 0);
    int cancel = kinds.getOrDefault(ORDER_CANCEL, 0);
    int reserve = kinds.getOrDefault(STOCK_RESERVE, 0);
    int release = kinds.getOrDefault(STOCK_RELEASE, 0);
    if (status.equals("CONFIRMED")
        && (create != 1 || reserve != 1 || charge != 1 || cancel + release + refund != 0)) {
      violations.add(op.key(), "confirmed-applied-once", "CONFIRMED order with effects " + kinds);
    } else if ((status.equals("FAILED") || status.equals("ABSENT"))
        && (cancel != create || release != reserve || refund != charge)) {
      violations.add(op.key(), "failed-compensated", status + " order not fully undone: " + kinds);
    }
  }

  /** Each SKU's stock is where it started, less what CONFIRMED orders took. */
  void stock(RunLog log) {
    Map<String, Long> expected = new TreeMap<>(log.schedule().initialStock());
    for (PlannedOperation op : log.schedule().operations()) {
      if (op.type() == Type.ORDER && OperationStatus.of(facts, op).equals("CONFIRMED")) {
        for (Item item : op.items()) {
          expected.merge(item.sku(), (long) -item.quantity(), Long::sum);
        }
      }
    }
    expected.forEach(
        (sku, want) -> {
          Long has = facts.stock().get(sku);
          if (has == null || has.longValue() != want) {
            violations.add(
                sku,
                "stock",
                "available " + has + ", expected " + want + " after the confirmed orders");
          }
        });
  }
}
