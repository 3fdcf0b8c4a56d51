package dev.settle.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A workflow's event history as Temporal's CLI prints it, and what tests read off it. */
final class Histories {
  private Histories() {}

  static List<JsonNode> events(SettleStack stack, String workflowId) {
    String json =
        stack.temporal("workflow", "show", "--workflow-id", workflowId, "--output", "json");
    List<JsonNode> events = new ArrayList<>();
    try {
      SettleApi.JSON.readTree(json).path("events").forEach(events::add);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not a history: " + json, e);
    }
    return events;
  }

  static List<String> types(List<JsonNode> events) {
    return events.stream().map(event -> event.path("eventType").asText()).toList();
  }

  /**
   * The process ids of the workers that ran the history's workflow tasks and activities, in order:
   * on the happy path the charge and the posting are local activities, run inside a workflow task.
   */
  static List<Long> workers(List<JsonNode> events) {
    return events.stream()
        .flatMap(
            event ->
                Stream.of(
                    event.path("activityTaskStartedEventAttributes"),
                    event.path("workflowTaskStartedEventAttributes")))
        .filter(started -> !started.isMissingNode())
        .map(started -> pidOf(started.path("identity").asText()))
        .toList();
  }

  /** The SDK's default worker identity is "pid@host". */
  static long pidOf(String identity) {
    return Long.parseLong(identity.substring(0, identity.indexOf('@')));
  }
}
