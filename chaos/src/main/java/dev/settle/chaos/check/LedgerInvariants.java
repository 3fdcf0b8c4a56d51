package dev.settle.chaos.check;

import dev.settle.chaos.http.GatewayClient;
import dev.settle.chaos.run.RunLog;
import dev.settle.chaos.schedule.PlannedOperation;
import dev.settle.chaos.schedule.PlannedOperation.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The ledger agrees with how each operation ended: its entries balance, a CONFIRMED operation has
 * exactly its posting, a failed one nothing (or a posting and its reversal), and every account
 * holds the sum of its CONFIRMED operations.
 */
record LedgerInvariants(Facts facts, Violations violations) {
  void check(PlannedOperation op, String status) {
    List<LedgerRow> rows =
        facts.ledger().getOrDefault(GatewayClient.workflowId(op.key()), List.of());
    BigDecimal net = BigDecimal.ZERO;
    for (LedgerRow row : rows) {
      net = row.direction().equals("CR") ? net.add(row.amount()) : net.subtract(row.amount());
    }
    if (net.signum() != 0) {
      violations.add(
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
    if (status.equals("CONFIRMED")) {
      if (!sameElements(postings, pair) || !reversals.isEmpty()) {
        violations.add(
            op.key(),
            "ledger-posting",
            "CONFIRMED needs exactly one balanced posting " + pair + ", has " + rows);
      }
    } else if (OperationStatus.FINAL.contains(status) || status.equals("ABSENT")) {
      // A charge refunded before it was ever posted (the saga posts only once the charge is known)
      // leaves no entries; one refunded after its posting leaves the posting and its reversal.
      boolean nothing = rows.isEmpty();
      boolean undone =
          sameElements(postings, pair)
              && sameElements(reversals, reversalPair)
              && reversesPostings(rows);
      boolean refunded = refunded(op);
      if (op.type() == Type.PAYMENT && !nothing) {
        violations.add(
            op.key(), "ledger-posting", status + " payment must have no entries, has " + rows);
      } else if (op.type() == Type.ORDER && !nothing && !(undone && refunded)) {
        violations.add(
            op.key(),
            "ledger-posting",
            status
                + " order needs no entries, or a posting and its reversal for a refunded charge; has "
                + rows
                + (refunded ? " (refunded)" : ""));
      }
    }
  }

  private boolean refunded(PlannedOperation op) {
    return facts
            .effects()
            .getOrDefault(GatewayClient.workflowId(op.key()), Map.of())
            .getOrDefault(UpstreamInvariants.PAYMENT_REFUND, 0)
        > 0;
  }

  /** Every account of the run holds the sum of its CONFIRMED operations: credits minus debits. */
  void accountBalances(RunLog log) {
    Map<String, BigDecimal> expected = new TreeMap<>();
    for (PlannedOperation op : log.schedule().operations()) {
      if (OperationStatus.of(facts, op).equals("CONFIRMED")) {
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
        violations.add(
            account,
            "account-balance",
            "balance " + plain(has) + ", its confirmed operations sum to " + plain(want));
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
}
