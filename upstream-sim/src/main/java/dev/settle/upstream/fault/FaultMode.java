package dev.settle.upstream.fault;

/** What an injected fault does, and to which kind of request it applies. */
public enum FaultMode {
  /** Fires and does nothing: consumes a count so later rules start later. */
  NONE(Target.APPLY),
  /** Delays the request, then proceeds normally. */
  LATENCY(Target.APPLY),
  /** 503 at once; nothing applied. */
  FAIL_BEFORE_COMMIT(Target.APPLY),
  /** Hangs past the caller's timeout, then 503; nothing applied, ever. */
  TIMEOUT_BEFORE_COMMIT(Target.APPLY),
  /** Applies and commits, then hangs before answering: the ambiguous timeout. */
  COMMIT_THEN_TIMEOUT(Target.APPLY),
  /** Applies and commits, then drops the connection without any response. */
  COMMIT_THEN_RESET(Target.APPLY),
  /**
   * 401 at once; nothing applied: the upstream refuses the caller's credentials, as after a key
   * rotation the caller missed. Says nothing about the payment, everything about the caller.
   */
  AUTH_REFUSED(Target.APPLY),
  /** Status lookups answer 503. */
  STATUS_UNAVAILABLE(Target.LOOKUP);

  /** The kind of request a mode can hit. */
  public enum Target {
    /** Every mutating endpoint: create, reserve, charge and their compensations. */
    APPLY,
    /** Every status lookup: {@code GET /payments/{key}}, {@code /orders/{key}}, ... */
    LOOKUP
  }

  private final Target target;

  FaultMode(Target target) {
    this.target = target;
  }

  Target target() {
    return target;
  }
}
