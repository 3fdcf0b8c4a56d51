package dev.settle.chaos.check;

/**
 * One broken invariant.
 *
 * @param key the client's Idempotency-Key, an account, a SKU or an upstream/ledger operation id,
 *     whichever the invariant is about
 * @param invariant a stable name, e.g. {@code upstream-at-most-once}
 */
public record Violation(String key, String invariant, String detail) {
  @Override
  public String toString() {
    return invariant + " " + key + ": " + detail;
  }
}
