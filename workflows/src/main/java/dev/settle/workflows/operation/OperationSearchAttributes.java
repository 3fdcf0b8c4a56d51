package dev.settle.workflows.operation;

import io.temporal.common.SearchAttributeKey;
import java.time.OffsetDateTime;

/**
 * Custom search attributes registered on the Temporal server (see deploy/temporal). Operators
 * filter the Web UI and {@code temporal workflow list --query} by them.
 */
public final class OperationSearchAttributes {
  private OperationSearchAttributes() {}

  public static final SearchAttributeKey<String> OPERATION_STATUS =
      SearchAttributeKey.forKeyword("OperationStatus");
  public static final SearchAttributeKey<String> OPERATION_TYPE =
      SearchAttributeKey.forKeyword("OperationType");
  public static final SearchAttributeKey<String> UPSTREAM =
      SearchAttributeKey.forKeyword("Upstream");
  public static final SearchAttributeKey<OffsetDateTime> UNKNOWN_SINCE =
      SearchAttributeKey.forOffsetDateTime("UnknownSince");
  public static final SearchAttributeKey<String> CLIENT_ID =
      SearchAttributeKey.forKeyword("ClientId");

  /** PENDING, DELIVERED or FAILED; set only on operations that asked for a client callback. */
  public static final SearchAttributeKey<String> CALLBACK_STATUS =
      SearchAttributeKey.forKeyword("CallbackStatus");

  /**
   * On a discrepancy case: the workflow ID of the operation whose outcome the upstream's evidence
   * contradicts. {@code DiscrepancyOf IS NOT NULL AND ExecutionStatus = 'Running'} lists the cases
   * an operator has not closed yet.
   */
  public static final SearchAttributeKey<String> DISCREPANCY_OF =
      SearchAttributeKey.forKeyword("DiscrepancyOf");
}
