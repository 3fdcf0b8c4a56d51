package dev.settle.workflows.discrepancy;

import java.time.Instant;

/**
 * An operator closes a discrepancy case. The history also records the identity of whoever sent the
 * signal; {@code by} is the name the operator signs the note with.
 *
 * @param by who looked into it
 * @param note what was found and done (a refund by hand, a ledger correction, a false alarm)
 * @param at when the case received it (set by the workflow)
 */
public record Acknowledgement(String by, String note, Instant at) {

  Acknowledgement at(Instant when) {
    return new Acknowledgement(by, note, when);
  }
}
