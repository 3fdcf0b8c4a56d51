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
}
