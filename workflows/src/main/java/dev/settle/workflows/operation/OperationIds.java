package dev.settle.workflows.operation;

/**
 * Workflow IDs are business keys: the client and its idempotency key. Scoping by client lets two
 * clients use the same key for different operations.
 */
public final class OperationIds {
  private OperationIds() {}

  public static String workflowId(String clientId, String idempotencyKey) {
    return clientId + "/" + idempotencyKey;
  }

  /**
   * The workflow an upstream's report (webhook, statement line) is about. Settle sends the workflow
   * ID itself as the upstream's Idempotency-Key (PaymentActivitiesImpl, OrderActivitiesImpl), so
   * the key the upstream reports is the workflow ID; empty for a key Settle cannot have sent.
   */
  public static java.util.Optional<String> ofUpstreamKey(String upstreamKey) {
    if (upstreamKey == null) {
      return java.util.Optional.empty();
    }
    int slash = upstreamKey.indexOf('/');
    return slash > 0 && slash < upstreamKey.length() - 1
        ? java.util.Optional.of(upstreamKey)
        : java.util.Optional.empty();
  }
}
