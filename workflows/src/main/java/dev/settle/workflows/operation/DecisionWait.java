package dev.settle.workflows.operation;

/**
 * A caller attaching to the operation: it proves it sent the same payload (fingerprint) and says
 * how long it is willing to wait for a final status.
 */
public record DecisionWait(String fingerprint, long budgetMillis) {}
