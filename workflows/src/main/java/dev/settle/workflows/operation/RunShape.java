package dev.settle.workflows.operation;

import io.temporal.workflow.Workflow;

/**
 * Which shape of commands a run has, decided once when it starts and recorded in its history, so
 * that a run replays with the commands it was recorded with. One version marker for every change
 * made at the start of a run: a marker is a history event, and the happy path is counted in events.
 *
 * <ul>
 *   <li>0 ({@link Workflow#DEFAULT_VERSION}): the workflow ID is the upstream key.
 *   <li>1: the upstream key is unique per run ({@link UpstreamKeys}).
 *   <li>2: also the lean happy path: the charge and the ledger posting are tried first as local
 *       activities, and the reconciliation policy is read only when the charge is ambiguous.
 * </ul>
 */
public record RunShape(int version) {
  /** The change ID of the marker; its name is that of its first change, kept for old histories. */
  static final String CHANGE_ID = "per-run-upstream-key";

  static final int PER_RUN_UPSTREAM_KEY = 1;
  static final int LEAN_HAPPY_PATH = 2;

  /** Workflow code only: the shape of the running workflow (recorded on the first call). */
  public static RunShape ofThisRun() {
    return new RunShape(Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, LEAN_HAPPY_PATH));
  }

  public boolean perRunUpstreamKey() {
    return version >= PER_RUN_UPSTREAM_KEY;
  }

  public boolean leanHappyPath() {
    return version >= LEAN_HAPPY_PATH;
  }
}
