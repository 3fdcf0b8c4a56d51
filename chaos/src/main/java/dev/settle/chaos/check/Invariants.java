package dev.settle.chaos.check;

import dev.settle.chaos.run.RequestRecord;
import dev.settle.chaos.run.RunLog;
import dev.settle.chaos.schedule.PlannedOperation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The invariants of a run, checked for every key against the facts: a pure function of the run's
 * log and what the sources of truth hold, so that each rule can be tested on its own.
 */
public final class Invariants {
  private Invariants() {}

  public static List<Violation> check(RunLog log, Facts facts) {
    Violations violations = new Violations();
    SettlementInvariants settlement = new SettlementInvariants(facts, violations);
    UpstreamInvariants upstream = new UpstreamInvariants(facts, violations);
    LedgerInvariants ledger = new LedgerInvariants(facts, violations);
    AnswerInvariants answers = new AnswerInvariants(violations);
    Map<String, List<RequestRecord>> requests = new HashMap<>();
    for (RequestRecord r : log.requests()) {
      requests.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
    }
    for (PlannedOperation op : log.schedule().operations()) {
      String status = OperationStatus.of(facts, op);
      List<RequestRecord> ofOperation = requests.getOrDefault(op.key(), List.of());
      settlement.check(op, status, ofOperation);
      upstream.check(op, status);
      ledger.check(op, status);
      answers.check(op, status, ofOperation);
    }
    ledger.accountBalances(log);
    upstream.stock(log);
    new NothingElseInvariant(facts, violations).check(log);
    return violations.list();
  }
}
