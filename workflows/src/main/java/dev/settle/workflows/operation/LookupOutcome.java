package dev.settle.workflows.operation;

/** What an upstream's status endpoint said about a key, whatever the upstream. */
public enum LookupOutcome {
  FOUND,
  NOT_FOUND,
  /** The status endpoint could not answer; nothing was learnt. */
  UNAVAILABLE,
  /** Something is there under the key, but not what was asked for: it never confirms. */
  MISMATCH
}
