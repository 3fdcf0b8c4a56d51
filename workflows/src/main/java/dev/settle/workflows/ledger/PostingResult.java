package dev.settle.workflows.ledger;

/** {@code newlyPosted} is false when an earlier try had already written the same posting. */
public record PostingResult(boolean newlyPosted, int entries) {}
