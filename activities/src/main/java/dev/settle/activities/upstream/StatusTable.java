package dev.settle.activities.upstream;

import java.util.Set;

/**
 * What one upstream's HTTP statuses mean for a mutating call, as that upstream promises them: a
 * refusal (it did not act and will not if asked again), "not executed" (it did not act; safe to try
 * again), or an answer that says Settle itself is misconfigured (wrong credentials, endpoint or
 * address: it did not act, and no customer should pay for our mistake). 2xx is always "executed";
 * any status the table does not name is ambiguous, because treating a maybe-executed call as not
 * executed is how payments run twice.
 */
public record StatusTable(
    Set<Integer> refused, Set<Integer> notExecuted, Set<Integer> misconfigured) {

  /** For an upstream the configuration does not name. */
  public static final StatusTable DEFAULT =
      new StatusTable(
          Set.of(400, 402, 422),
          Set.of(429, 503),
          Set.of(301, 302, 303, 307, 308, 401, 403, 404, 405, 406, 407, 415));

  public StatusTable {
    refused = refused == null ? Set.of() : Set.copyOf(refused);
    notExecuted = notExecuted == null ? Set.of() : Set.copyOf(notExecuted);
    misconfigured = misconfigured == null ? Set.of() : Set.copyOf(misconfigured);
  }

  public CallOutcome classify(int status) {
    if (status >= 200 && status < 300) {
      return CallOutcome.EXECUTED;
    }
    if (notExecuted.contains(status)) {
      return CallOutcome.NOT_EXECUTED;
    }
    if (misconfigured.contains(status)) {
      return CallOutcome.MISCONFIGURED;
    }
    if (refused.contains(status)) {
      return CallOutcome.REJECTED;
    }
    return CallOutcome.AMBIGUOUS;
  }
}
