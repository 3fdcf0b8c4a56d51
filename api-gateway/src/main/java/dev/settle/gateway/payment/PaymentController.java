package dev.settle.gateway.payment;

import dev.settle.gateway.auth.AuthenticatedClient;
import dev.settle.gateway.idempotency.IdempotencyKey;
import dev.settle.gateway.operation.OperationResponses;
import dev.settle.gateway.operation.OperationSubmissions;
import dev.settle.gateway.operation.OperationSubmissions.Intent;
import dev.settle.gateway.operation.OperationView;
import dev.settle.workflows.operation.SettleNames;
import dev.settle.workflows.payment.PaymentRequest;
import dev.settle.workflows.payment.PaymentState;
import dev.settle.workflows.payment.PaymentWorkflow;
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

/**
 * {@code POST /v1/payments}: 201 when the payment is decided within the budget, otherwise 202 with
 * the status URL. Repeating the key never runs the payment twice.
 */
@RestController
class PaymentController {
  private final OperationSubmissions submissions;
  private final OperationResponses responses;
  private final WorkflowClient client;

  PaymentController(
      OperationSubmissions submissions, OperationResponses responses, WorkflowClient client) {
    this.submissions = submissions;
    this.responses = responses;
    this.client = client;
  }

  @PostMapping(path = "/v1/payments", consumes = "application/json")
  ResponseEntity<OperationView> create(
      @AuthenticatedClient String clientId,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @RequestHeader(name = "Prefer", required = false) String prefer,
      @Valid @RequestBody PaymentBody body) {
    String key = IdempotencyKey.parse(idempotencyKey);
    PaymentRequest request = body.toRequest(clientId, key, UUID.randomUUID().toString());
    Intent intent =
        new Intent(
            clientId,
            key,
            request.fingerprint(),
            request.requestId(),
            SettleNames.OPERATION_TYPE_PAYMENT,
            SettleNames.UPSTREAM_PAYMENTS);
    return responses.afterSubmission(
        key,
        prefer,
        submissions.submit(
            intent,
            (options, wait) -> {
              PaymentWorkflow workflow = client.newWorkflowStub(PaymentWorkflow.class, options);
              return WorkflowClient.executeUpdateWithStart(
                  workflow::awaitDecision,
                  wait,
                  UpdateOptions.<PaymentState>newBuilder()
                      .setWaitForStage(WorkflowUpdateStage.COMPLETED)
                      .build(),
                  new WithStartWorkflowOperation<>(workflow::pay, request));
            }));
  }
}
