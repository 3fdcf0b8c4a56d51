package dev.settle.gateway.operation;

import static dev.settle.workflows.operation.OperationSearchAttributes.OPERATION_TYPE;
import static dev.settle.workflows.operation.OperationSearchAttributes.UNKNOWN_SINCE;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.settle.workflows.operation.OperationStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import io.temporal.client.WorkflowExecutionMetadata;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** {@code GET /v1/operations?status=…}: what visibility knows, without querying each workflow. */
public record OperationList(OperationStatus status, List<Item> operations) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(name = "ListedOperation")
  public record Item(
      String operationId, String workflowId, String type, Instant startedAt, Instant unknownSince) {
    static Item of(WorkflowExecutionMetadata execution, String clientId) {
      String workflowId = execution.getExecution().getWorkflowId();
      OffsetDateTime since = execution.getTypedSearchAttributes().get(UNKNOWN_SINCE);
      return new Item(
          workflowId.substring(clientId.length() + 1),
          workflowId,
          execution.getTypedSearchAttributes().get(OPERATION_TYPE),
          execution.getStartTime(),
          since == null ? null : since.toInstant());
    }
  }
}
