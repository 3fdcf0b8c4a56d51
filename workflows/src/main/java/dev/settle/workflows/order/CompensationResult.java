package dev.settle.workflows.order;

/** {@code undone} is false when the upstream had nothing under the key to undo. */
public record CompensationResult(boolean undone, String detail) {}
