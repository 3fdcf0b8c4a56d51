package dev.settle.chaos.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.settle.chaos.schedule.PlannedOperation;
import java.util.Set;

/** How an operation ended, as the gateway shows it after the run settled. */
final class OperationStatus {
  static final Set<String> FINAL = Set.of("CONFIRMED", "FAILED");

  private OperationStatus() {}

  /** CONFIRMED, FAILED, the status it is stuck in, ABSENT (gateway: 404) or UNREADABLE. */
  static String of(Facts facts, PlannedOperation op) {
    JsonNode view = facts.operations().get(op.key());
    if (view == null) {
      return "UNREADABLE";
    }
    return view.isNull() ? "ABSENT" : view.path("status").asText();
  }
}
