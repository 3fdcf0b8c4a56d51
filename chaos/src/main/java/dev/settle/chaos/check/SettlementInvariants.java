package dev.settle.chaos.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.settle.chaos.run.RequestRecord;
import dev.settle.chaos.schedule.PlannedOperation;
import java.util.ArrayList;
import java.util.List;

/** Every planned operation ends CONFIRMED or FAILED, never held for an operator. */
record SettlementInvariants(Facts facts, Violations violations) {
  void check(PlannedOperation op, String status, List<RequestRecord> requests) {
    boolean accepted =
        requests.stream().anyMatch(r -> !r.mismatch() && (r.status() == 201 || r.status() == 202));
    switch (status) {
      case "CONFIRMED", "FAILED" -> {}
      case "MANUAL_REVIEW" ->
          violations.add(
              op.key(),
              "no-manual-review",
              "in MANUAL_REVIEW although every fault of the schedule was resolvable: "
                  + lastAttempts(op));
      case "ABSENT" ->
          violations.add(
              op.key(),
              "settled",
              accepted
                  ? "the gateway accepted it (201/202) but does not know it now"
                  : "no request was ever accepted");
      case "UNREADABLE" -> violations.add(op.key(), "settled", "its status could not be read");
      default -> violations.add(op.key(), "settled", "still " + status + " after the settle time");
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
}
