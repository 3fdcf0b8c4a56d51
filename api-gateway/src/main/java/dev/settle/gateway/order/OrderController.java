package dev.settle.gateway.order;

import dev.settle.gateway.auth.AuthenticatedClient;
import dev.settle.gateway.idempotency.IdempotencyKey;
import dev.settle.gateway.operation.OperationResponses;
import dev.settle.gateway.operation.OperationSubmissions;
import dev.settle.gateway.operation.OperationSubmissions.Intent;
import dev.settle.gateway.operation.OperationView;
import dev.settle.workflows.operation.SettleNames;
import dev.settle.workflows.order.OrderRequest;
import dev.settle.workflows.order.OrderState;
import dev.settle.workflows.order.OrderWorkflow;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateStage;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1/orders}: the order saga, with the same idempotency contract as payments. */
@RestController
class OrderController {
  private final OperationSubmissions submissions;
  private final OperationResponses responses;
  private final WorkflowClient client;

  OrderController(
      OperationSubmissions submissions, OperationResponses responses, WorkflowClient client) {
    this.submissions = submissions;
    this.responses = responses;
    this.client = client;
  }

  @PostMapping(path = "/v1/orders", consumes = "application/json")
  ResponseEntity<OperationView> create(
      @AuthenticatedClient String clientId,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @RequestHeader(name = "Prefer", required = false) String prefer,
      @Valid @RequestBody OrderBody body) {
    String key = IdempotencyKey.parse(idempotencyKey);
    OrderRequest request = body.toRequest(clientId, key, UUID.randomUUID().toString());
    Intent intent =
        new Intent(
            clientId,
            key,
            request.fingerprint(),
            request.requestId(),
            SettleNames.OPERATION_TYPE_ORDER,
            SettleNames.UPSTREAM_ORDER_SAGA);
    return responses.afterSubmission(
        key,
        prefer,
        submissions.submit(
            intent,
            (options, wait) -> {
              OrderWorkflow workflow = client.newWorkflowStub(OrderWorkflow.class, options);
              return WorkflowClient.executeUpdateWithStart(
                  workflow::awaitDecision,
                  wait,
                  UpdateOptions.<OrderState>newBuilder()
                      .setWaitForStage(WorkflowUpdateStage.COMPLETED)
                      .build(),
                  new WithStartWorkflowOperation<>(workflow::order, request));
            }));
  }
}
