package dev.settle.chaos.schedule;

/**
 * Every status lookup at upstream-sim answers 503 for {@code durationMs} from operation {@code
 * atOperation} on: reconciliation cannot learn anything meanwhile. Always much shorter than the
 * reconciliation horizon, so that it delays outcomes but never makes one unresolvable.
 */
public record StatusWindow(int atOperation, long durationMs) {}
