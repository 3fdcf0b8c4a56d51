package dev.settle.workflows.operation;

/**
 * Every name that crosses a process boundary — task queue, signals, queries, updates, search
 * attributes — lives here, so that the gateway, the worker, the tests and the runbook cannot drift
 * apart.
 */
public final class SettleNames {
  private SettleNames() {}

  public static final String TASK_QUEUE = "settle-operations";

  public static final String RECONCILE_SIGNAL = "reconcile";
  public static final String RESOLVE_SIGNAL = "resolve";

  /** Evidence from the upstream's webhooks or statements that a payment settled. */
  public static final String EVIDENCE_SIGNAL = "evidence";

  public static final String REDELIVER_CALLBACK_SIGNAL = "redeliverCallback";
  public static final String STATE_QUERY = "state";
  public static final String AWAIT_DECISION_UPDATE = "awaitDecision";

  /**
   * Marks an update rejected because the same key came with another payload: the failure type and
   * the start of the failure message (validators lose the type on the way to the client).
   */
  public static final String FINGERPRINT_MISMATCH = "FingerprintMismatch";

  public static final String OPERATION_TYPE_PAYMENT = "PAYMENT";
  public static final String OPERATION_TYPE_ORDER = "ORDER";
  public static final String UPSTREAM_PAYMENTS = "payments";

  /** Sagas span several upstreams; their Upstream search attribute names them all. */
  public static final String UPSTREAM_ORDER_SAGA = "orders,inventory,payments";
}
