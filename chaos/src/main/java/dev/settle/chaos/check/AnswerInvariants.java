package dev.settle.chaos.check;

import dev.settle.chaos.run.RequestRecord;
import dev.settle.chaos.schedule.PlannedOperation;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * What the gateway answered each request agrees with how its operation ended: only documented 5xx,
 * 422 for the other payload under the same key, and no answer that contradicts the outcome.
 */
record AnswerInvariants(Violations violations) {
  /** The only 5xx the API documents: nothing was started, retrying with the same key is safe. */
  static final Set<String> DOCUMENTED_503 =
      Set.of("operation-not-started", "engine-unavailable", "overloaded");

  void check(PlannedOperation op, String status, List<RequestRecord> requests) {
    boolean answered = false;
    for (RequestRecord r : requests) {
      if (r.status() == 0) {
        continue; // no answer (the part was down); the client retried with the same key
      }
      if (r.status() >= 500) {
        if (r.status() != 503 || !DOCUMENTED_503.contains(r.problemType())) {
          violations.add(
              op.key(), "no-5xx", "request answered " + r.status() + " " + r.problemType());
        }
        continue;
      }
      if (r.mismatch()) {
        if (r.status() != 422) {
          violations.add(
              op.key(),
              "mismatch-422",
              "the other payload got " + r.status() + " " + r.operationStatus());
        }
        continue;
      }
      answered = true;
      if (r.status() != 201 && r.status() != 202) {
        violations.add(
            op.key(),
            "answer-consistent",
            "the planned payload got " + r.status() + " " + r.problemType());
        continue;
      }
      consistentWithOutcome(op, status, r);
    }
    if (!answered) {
      violations.add(op.key(), "answered", "no request of the planned payload got an answer");
    }
  }

  private void consistentWithOutcome(PlannedOperation op, String status, RequestRecord r) {
    if (r.status() == 201 && !OperationStatus.FINAL.contains(r.operationStatus())) {
      violations.add(
          op.key(),
          "answer-consistent",
          "201 with a status that is not final: " + r.operationStatus());
    }
    if (OperationStatus.FINAL.contains(r.operationStatus())
        && !r.operationStatus().equals(status)) {
      violations.add(
          op.key(),
          "answer-consistent",
          "answered " + r.status() + " " + r.operationStatus() + " but it ended " + status);
    }
    // Built from Temporal's visibility record while no worker answers, an answer has no amount.
    boolean otherAmount =
        r.amount() != null
            && new BigDecimal(r.amount()).compareTo(new BigDecimal(op.amount())) != 0;
    if (!op.key().equals(r.operationId()) || otherAmount) {
      violations.add(
          op.key(),
          "answer-consistent",
          "answer for " + r.operationId() + " amount " + r.amount() + " instead of " + op.amount());
    }
  }
}
