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

  /** Another contradiction for an open discrepancy case (see DiscrepancyWorkflow). */
  public static final String DISCREPANCY_REPORT_SIGNAL = "report";

  /** An operator has looked into a discrepancy case and closes it, with a note. */
  public static final String ACKNOWLEDGE_SIGNAL = "acknowledge";

  /**
   * Prefix of a discrepancy case's workflow ID, before the ID of the operation it is about. A
   * client ID holds no ':', so no operation's workflow ID can start with it.
   */
  public static final String DISCREPANCY_ID_PREFIX = "discrepancy:";

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

  /** Not an operation: an operator's case about one (OperationType of a DiscrepancyWorkflow). */
  public static final String OPERATION_TYPE_DISCREPANCY = "DISCREPANCY";

  public static final String UPSTREAM_PAYMENTS = "payments";

  /** Sagas span several upstreams; their Upstream search attribute names them all. */
  public static final String UPSTREAM_ORDER_SAGA = "orders,inventory,payments";
}
