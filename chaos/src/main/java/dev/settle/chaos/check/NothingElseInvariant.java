package dev.settle.chaos.check;

import dev.settle.chaos.http.GatewayClient;
import dev.settle.chaos.run.RunLog;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Nothing at the upstream or in the ledger under the run's keys that no client asked for. */
record NothingElseInvariant(Facts facts, Violations violations) {
  void check(RunLog log) {
    Set<String> planned = new HashSet<>();
    log.schedule().operations().forEach(op -> planned.add(GatewayClient.workflowId(op.key())));
    unplanned(facts.effects(), planned, "upstream effects no client asked for: ");
    unplanned(facts.ledger(), planned, "ledger entries no client asked for: ");
  }

  private void unplanned(Map<String, ?> byWorkflowId, Set<String> planned, String what) {
    new TreeSet<>(byWorkflowId.keySet())
        .stream()
            .filter(id -> !planned.contains(id))
            .forEach(id -> violations.add(id, "nothing-else", what + byWorkflowId.get(id)));
  }
}
