package dev.settle.chaos.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.settle.chaos.http.GatewayClient;
import dev.settle.chaos.run.RequestRecord;
import dev.settle.chaos.run.RunLog;
import dev.settle.chaos.schedule.PlannedOperation;
import dev.settle.chaos.schedule.PlannedOperation.Item;
import dev.settle.chaos.schedule.PlannedOperation.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The invariants of a run, checked for every key against the facts: a pure function of the run's
 * log and what the sources of truth hold, so that each rule can be tested on its own.
 */
public final class Invariants {
  /** The only 5xx the API documents: nothing was started, retrying with the same key is safe. */
  public static final Set<String> DOCUMENTED_503 =
      Set.of("operation-not-started", "engine-unavailable", "overloaded");

  static final String PAYMENT_CHARGE = "payment.charge";
  static final String PAYMENT_REFUND = "payment.refund";
  static final String ORDER_CREATE = "order.create";
  static final String ORDER_CANCEL = "order.cancel";
  static final String STOCK_RESERVE = "stock.reserve";
  static final String STOCK_RELEASE = "stock.release";
  private static final Set<String> FINAL = Set.of("CONFIRMED", "FAILED");

  private final RunLog log;
  private final Facts facts;
  private final List<Violation> violations = new ArrayList<>();

  private Invariants(RunLog log, Facts facts) {
    this.log = log;
    this.facts = facts;
  }

  public static List<Violation> check(RunLog log, Facts facts) {
    return new Invariants(log, facts).all();
  }

  private List<Violation> all() {
    Map<String, List<RequestRecord>> requests = new HashMap<>();
    for (RequestRecord r : log.requests()) {
      requests.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
    }
    for (PlannedOperation op : log.schedule().operations()) {
      String status = status(op);
      operationSettled(op, status, requests.getOrDefault(op.key(), List.of()));
      upstreamEffects(op, status);
      ledger(op, status);
      answers(op, status, requests.getOrDefault(op.key(), List.of()));
    }
    accountBalances();
    stock();
    nothingElse();
    return List.copyOf(violations);
  }

  /** CONFIRMED, FAILED, the status it is stuck in, ABSENT (gateway: 404) or UNREADABLE. */
  private String status(PlannedOperation op) {
    JsonNode view = facts.operations().get(op.key());
    if (view == null) {
      return "UNREADABLE";
    }
    return view.isNull() ? "ABSENT" : view.path("status").asText();
  }

  private void operationSettled(PlannedOperation op, String status, List<RequestRecord> requests) {
    boolean accepted =
        requests.stream().anyMatch(r -> !r.mismatch() && (r.status() == 201 || r.status() == 202));
    switch (status) {
      case "CONFIRMED", "FAILED" -> {}
      case "MANUAL_REVIEW" ->
          violation(
              op.key(),
              "no-manual-review",
              "in MANUAL_REVIEW although every fault of the schedule was resolvable: "
                  + lastAttempts(op));
      case "ABSENT" ->
          violation(
              op.key(),
              "settled",
              accepted
                  ? "the gateway accepted it (201/202) but does not know it now"
                  : "no request was ever accepted");
      case "UNREADABLE" -> violation(op.key(), "settled", "its status could not be read");
      default -> violation(op.key(), "settled", "still " + status + " after the settle time");
    }
  }

  private String lastAttempts(PlannedOperation op) {
    JsonNode attempts = facts.operations().get(op.key()).path("attempts");
    List<String> last = new ArrayList<>();
    for (int i = Math.max(0, attempts.size() - 4); i < attempts.size(); i++) {
      JsonNode a = attempts.get(i);
      last.add(a.path("step").asText() + "=" + a.path("outcome").asText());
    }
    return String.join(", ", last);
  }

  private void upstreamEffects(PlannedOperation op, String status) {
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
      violation(
          op.key(), "upstream-at-most-once", "applied more than once at the upstream: " + twice);
      return; // the status rules below would only repeat it
    }
    int charge = kinds.getOrDefault(PAYMENT_CHARGE, 0);
    int refund = kinds.getOrDefault(PAYMENT_REFUND, 0);
    if (op.type() == Type.PAYMENT) {
      Set<String> others = new TreeSet<>(kinds.keySet());
      others.removeAll(Set.of(PAYMENT_CHARGE));
      others.removeIf(kind -> kinds.get(kind) == 0);
      if (!others.isEmpty()) {
        violation(op.key(), "upstream-effects", "a payment with other effects: " + kinds);
      } else if (status.equals("CONFIRMED") && charge != 1) {
        violation(op.key(), "confirmed-applied-once", "CONFIRMED but charged " + charge + " times");
      } else if (!status.equals("CONFIRMED") && charge != 0 && FINAL.contains(status)) {
        violation(op.key(), "failed-not-applied", status + " but charged " + charge + " time(s)");
      } else if (status.equals("ABSENT") && charge != 0) {
        violation(op.key(), "failed-not-applied", "never started but charged");
      }
    } else {
      int create = kinds.getOrDefault(ORDER_CREATE, 0);
      int cancel = kinds.getOrDefault(ORDER_CANCEL, 0);
      int reserve = kinds.getOrDefault(STOCK_RESERVE, 0);
      int release = kinds.getOrDefault(STOCK_RELEASE, 0);
      if (status.equals("CONFIRMED")
          && (create != 1 || reserve != 1 || charge != 1 || cancel + release + refund != 0)) {
        violation(op.key(), "confirmed-applied-once", "CONFIRMED order with effects " + kinds);
      } else if ((status.equals("FAILED") || status.equals("ABSENT"))
          && (cancel != create || release != reserve || refund != charge)) {
        violation(op.key(), "failed-compensated", status + " order not fully undone: " + kinds);
      }
    }
    BigDecimal charged = facts.upstreamCharges().get(upstreamKey);
    if (charged != null && charged.compareTo(new BigDecimal(op.amount())) != 0) {
      violation(op.key(), "upstream-amount", "charged " + charged + " instead of " + op.amount());
    }
  }

  private void ledger(PlannedOperation op, String status) {
    List<LedgerRow> rows =
        facts.ledger().getOrDefault(GatewayClient.workflowId(op.key()), List.of());
    BigDecimal net = BigDecimal.ZERO;
    for (LedgerRow row : rows) {
      net = row.direction().equals("CR") ? net.add(row.amount()) : net.subtract(row.amount());
    }
    if (net.signum() != 0) {
      violation(
          op.key(),
          "ledger-balanced",
          "its entries do not balance (CR − DR = " + net + "): " + rows);
      return;
    }
    BigDecimal amount = new BigDecimal(op.amount());
    List<String> postings = shape(rows, "POSTING");
    List<String> reversals = shape(rows, "REVERSAL");
    List<String> pair =
        List.of(
            "DR " + op.debitAccount() + " " + plain(amount),
            "CR " + op.creditAccount() + " " + plain(amount));
    List<String> reversalPair =
        List.of(
            "CR " + op.debitAccount() + " " + plain(amount),
            "DR " + op.creditAccount() + " " + plain(amount));
    boolean refunded =
        facts
                .effects()
                .getOrDefault(GatewayClient.workflowId(op.key()), Map.of())
                .getOrDefault(PAYMENT_REFUND, 0)
            > 0;
    if (status.equals("CONFIRMED")) {
      if (!sameElements(postings, pair) || !reversals.isEmpty()) {
        violation(
            op.key(),
            "ledger-posting",
            "CONFIRMED needs exactly one balanced posting " + pair + ", has " + rows);
      }
    } else if (FINAL.contains(status) || status.equals("ABSENT")) {
      // A charge refunded before it was ever posted (the saga posts only once the charge is known)
      // leaves no entries; one refunded after its posting leaves the posting and its reversal.
      boolean nothing = rows.isEmpty();
      boolean undone =
          sameElements(postings, pair)
              && sameElements(reversals, reversalPair)
              && reversesPostings(rows);
      if (op.type() == Type.PAYMENT && !nothing) {
        violation(
            op.key(), "ledger-posting", status + " payment must have no entries, has " + rows);
      } else if (op.type() == Type.ORDER && !nothing && !(undone && refunded)) {
        violation(
            op.key(),
            "ledger-posting",
            status
                + " order needs no entries, or a posting and its reversal for a refunded charge; has "
                + rows
                + (refunded ? " (refunded)" : ""));
      }
    }
  }

  private static boolean reversesPostings(List<LedgerRow> rows) {
    Set<Long> postingIds = new HashSet<>();
    rows.stream().filter(r -> r.kind().equals("POSTING")).forEach(r -> postingIds.add(r.id()));
    return rows.stream()
        .filter(r -> r.kind().equals("REVERSAL"))
        .allMatch(r -> postingIds.contains(r.reverses()));
  }

  private static List<String> shape(List<LedgerRow> rows, String kind) {
    return rows.stream()
        .filter(r -> r.kind().equals(kind))
        .map(r -> r.direction() + " " + r.account() + " " + plain(r.amount()))
        .toList();
  }

  private static boolean sameElements(List<String> a, List<String> b) {
    return a.size() == b.size()
        && new ArrayList<>(a).containsAll(b)
        && new ArrayList<>(b).containsAll(a);
  }

  private static String plain(BigDecimal amount) {
    return amount.stripTrailingZeros().toPlainString();
  }

  private void answers(PlannedOperation op, String status, List<RequestRecord> requests) {
    boolean answered = false;
    for (RequestRecord r : requests) {
      if (r.status() == 0) {
        continue; // no answer (the part was down); the client retried with the same key
      }
      if (r.status() >= 500) {
        if (r.status() != 503 || !DOCUMENTED_503.contains(r.problemType())) {
          violation(op.key(), "no-5xx", "request answered " + r.status() + " " + r.problemType());
        }
        continue;
      }
      if (r.mismatch()) {
        if (r.status() != 422) {
          violation(
              op.key(),
              "mismatch-422",
              "the other payload got " + r.status() + " " + r.operationStatus());
        }
        continue;
      }
      answered = true;
      if (r.status() != 201 && r.status() != 202) {
        violation(
            op.key(),
            "answer-consistent",
            "the planned payload got " + r.status() + " " + r.problemType());
        continue;
      }
      if (r.status() == 201 && !FINAL.contains(r.operationStatus())) {
        violation(
            op.key(),
            "answer-consistent",
            "201 with a status that is not final: " + r.operationStatus());
      }
      if (FINAL.contains(r.operationStatus()) && !r.operationStatus().equals(status)) {
        violation(
            op.key(),
            "answer-consistent",
            "answered " + r.status() + " " + r.operationStatus() + " but it ended " + status);
      }
      // Built from Temporal's visibility record while no worker answers, an answer has no amount.
      boolean otherAmount =
          r.amount() != null
              && new BigDecimal(r.amount()).compareTo(new BigDecimal(op.amount())) != 0;
      if (!op.key().equals(r.operationId()) || otherAmount) {
        violation(
            op.key(),
            "answer-consistent",
            "answer for "
                + r.operationId()
                + " amount "
                + r.amount()
                + " instead of "
                + op.amount());
      }
    }
    if (!answered) {
      violation(op.key(), "answered", "no request of the planned payload got an answer");
    }
  }

  /** Every account of the run holds the sum of its CONFIRMED operations: credits minus debits. */
  private void accountBalances() {
    Map<String, BigDecimal> expected = new TreeMap<>();
    for (PlannedOperation op : log.schedule().operations()) {
      if (status(op).equals("CONFIRMED")) {
        BigDecimal amount = new BigDecimal(op.amount());
        expected.merge(op.creditAccount(), amount, BigDecimal::add);
        expected.merge(op.debitAccount(), amount.negate(), BigDecimal::add);
      }
    }
    Set<String> accounts = new TreeSet<>(expected.keySet());
    accounts.addAll(facts.balances().keySet());
    for (String account : accounts) {
      BigDecimal want = expected.getOrDefault(account, BigDecimal.ZERO);
      BigDecimal has = facts.balances().getOrDefault(account, BigDecimal.ZERO);
      if (want.compareTo(has) != 0) {
        violation(
            account,
            "account-balance",
            "balance " + plain(has) + ", its confirmed operations sum to " + plain(want));
      }
    }
  }

  /** Each SKU's stock is where it started, less what CONFIRMED orders took. */
  private void stock() {
    Map<String, Long> expected = new TreeMap<>(log.schedule().initialStock());
    for (PlannedOperation op : log.schedule().operations()) {
      if (op.type() == Type.ORDER && status(op).equals("CONFIRMED")) {
        for (Item item : op.items()) {
          expected.merge(item.sku(), (long) -item.quantity(), Long::sum);
        }
      }
    }
    expected.forEach(
        (sku, want) -> {
          Long has = facts.stock().get(sku);
          if (has == null || has.longValue() != want) {
            violation(
                sku,
                "stock",
                "available " + has + ", expected " + want + " after the confirmed orders");
          }
        });
  }

  /** Nothing at the upstream or in the ledger under the run's keys that no client asked for. */
  private void nothingElse() {
    Set<String> planned = new HashSet<>();
    log.schedule().operations().forEach(op -> planned.add(GatewayClient.workflowId(op.key())));
    unplanned(facts.effects(), planned, "upstream effects no client asked for: ");
    unplanned(facts.ledger(), planned, "ledger entries no client asked for: ");
  }

  private void unplanned(Map<String, ?> byWorkflowId, Set<String> planned, String what) {
    new TreeSet<>(byWorkflowId.keySet())
        .stream()
            .filter(id -> !planned.contains(id))
            .forEach(id -> violation(id, "nothing-else", what + byWorkflowId.get(id)));
  }

  private void violation(String key, String invariant, String detail) {
    violations.add(new Violation(key, invariant, detail));
  }
}
