package dev.settle.chaos.schedule;

/**
 * A process of the stack crashed or restarted when the run reaches operation {@code atOperation}.
 */
public record ProcessFault(int atOperation, Kind kind, long downMillis) {

  public enum Kind {
    /** {@code bin/settle kill worker} (SIGKILL), then {@code start worker}. */
    WORKER_KILL("worker", "kill"),
    /** {@code bin/settle stop gateway}, then {@code start gateway}. */
    GATEWAY_RESTART("gateway", "stop"),
    /** {@code bin/settle stop temporal}, then {@code start temporal} (its SQLite file stays). */
    TEMPORAL_RESTART("temporal", "stop");

    public final String part;
    public final String stopCommand;

    Kind(String part, String stopCommand) {
      this.part = part;
      this.stopCommand = stopCommand;
    }
  }
}
