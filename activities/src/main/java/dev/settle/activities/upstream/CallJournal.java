package dev.settle.activities.upstream;

import java.util.OptionalInt;

/**
 * Remembers, across attempts and workers, which attempts of an activity put a request on the wire
 * and how each was answered. An attempt only sees its own call; this is how it learns that an
 * earlier one, lost with its worker or timed out by Temporal, may have acted.
 */
public interface CallJournal {

  /**
   * One attempt's call. {@code activity} (workflow, run and activity id) is the same for every
   * attempt of one activity execution, and differs for a later execution of the same step.
   */
  record Call(String activity, int attempt, String upstream, String path, String idempotencyKey) {}

  /**
   * Before the request leaves. Throws when that cannot be recorded: then it must not leave.
   *
   * @return false when this attempt had already been recorded as sent: a local activity's try run
   *     again after the worker that sent it was lost. Its first request may have been acted on, so
   *     the answer to this one must not be recorded as that attempt's answer.
   */
  boolean sent(Call call);

  /** After the answer (or its absence) was classified; a failure here is only logged. */
  void answered(Call call, CallOutcome outcome, String detail);

  /**
   * The first earlier attempt whose request left and was not answered "did not execute": the
   * upstream may have acted on it. Empty when every earlier request was refused or none left.
   */
  OptionalInt earlierAttemptThatMayHaveActed(Call call);
}
