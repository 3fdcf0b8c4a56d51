package dev.settle.gateway.operation;

import dev.settle.gateway.auth.AuthenticatedClient;
import dev.settle.gateway.idempotency.IdempotencyKey;
import dev.settle.gateway.problem.ApiException;
import dev.settle.workflows.operation.OperationIds;
import dev.settle.workflows.operation.SettleNames;
import dev.settle.workflows.operation.OperationSnapshot;
import io.temporal.client.WorkflowClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Reading an operation and forcing its reconciliation. Another client's key is simply not found. */
@RestController
class OperationController {
  private final OperationReader reader;
  private final OperationResponses responses;
  private final WorkflowClient client;

  OperationController(OperationReader reader, OperationResponses responses, WorkflowClient client) {
    this.reader = reader;
    this.responses = responses;
    this.client = client;
  }

  @GetMapping("/v1/operations/{key}")
  ResponseEntity<OperationView> get(@AuthenticatedClient String clientId, @PathVariable String key) {
    return responses.respond(HttpStatus.OK, find(clientId, key), false);
  }

  /** Same as the {@code reconcile} signal an operator sends with the temporal CLI. */
  @PostMapping("/v1/operations/{key}/reconcile")
  ResponseEntity<OperationView> reconcile(@AuthenticatedClient String clientId, @PathVariable String key) {
    OperationSnapshot state = find(clientId, key);
    if (state.status().isFinal()) {
      return responses.respond(HttpStatus.OK, state, false);
    }
    client.newUntypedWorkflowStub(state.operationId()).signal(SettleNames.RECONCILE_SIGNAL);
    return responses.respond(HttpStatus.ACCEPTED, find(clientId, key), false);
  }

  private OperationSnapshot find(String clientId, String key) {
    IdempotencyKey.validate(key);
    return reader
        .read(OperationIds.workflowId(clientId, key))
        .orElseThrow(() -> ApiException.operationNotFound(key));
  }
}
