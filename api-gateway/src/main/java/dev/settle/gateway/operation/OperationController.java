package dev.settle.gateway.operation;

import dev.settle.gateway.auth.AuthenticatedClient;
import dev.settle.gateway.auth.AuthenticatedOperator;
import dev.settle.gateway.auth.ClientProperties;
import dev.settle.gateway.idempotency.IdempotencyKey;
import dev.settle.gateway.problem.ApiException;
import dev.settle.gateway.reconciliation.DiscrepancyCases;
import dev.settle.workflows.discrepancy.DiscrepancyCase;
import dev.settle.workflows.operation.OperationIds;
import dev.settle.workflows.operation.OperationSnapshot;
import dev.settle.workflows.operation.OperationStatus;
import dev.settle.workflows.operation.Resolution;
import dev.settle.workflows.operation.SettleNames;
import dev.settle.workflows.payment.PaymentState;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.temporal.client.WorkflowClient;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reading an operation and forcing its reconciliation. Another client's key is simply not found.
 */
@RestController
class OperationController {
  private final OperationReader reader;
  private final OperationResponses responses;
  private final WorkflowClient client;
  private final DiscrepancyCases discrepancies;

  OperationController(
      OperationReader reader,
      OperationResponses responses,
      WorkflowClient client,
      DiscrepancyCases discrepancies) {
    this.reader = reader;
    this.responses = responses;
    this.discrepancies = discrepancies;
    this.client = client;
  }

  @GetMapping("/v1/operations/{key}")
  ResponseEntity<OperationView> get(
      @AuthenticatedClient String clientId, @PathVariable String key) {
    OperationSnapshot state = find(clientId, key);
    // Only a final payment's outcome can be contradicted; a case older than this run is about an
    // earlier operation under the same key.
    OperationView.Discrepancy discrepancy =
        state instanceof PaymentState payment && payment.status().isFinal()
            ? discrepancies
                .find(state.operationId())
                .filter(c -> opened(c, payment))
                .map(OperationView.Discrepancy::of)
                .orElse(null)
            : null;
    return responses.respond(HttpStatus.OK, state, OperationView.of(state, discrepancy), false);
  }

  /** Same as the {@code reconcile} signal an operator sends with the temporal CLI. */
  @PostMapping("/v1/operations/{key}/reconcile")
  ResponseEntity<OperationView> reconcile(
      @AuthenticatedClient String clientId, @PathVariable String key) {
    OperationSnapshot state = find(clientId, key);
    if (state.status().isFinal()) {
      return responses.respond(HttpStatus.OK, state, false);
    }
    client.newUntypedWorkflowStub(state.operationId()).signal(SettleNames.RECONCILE_SIGNAL);
    return responses.respond(HttpStatus.ACCEPTED, find(clientId, key), false);
  }

  /**
   * An operator's verdict on a client's operation in MANUAL_REVIEW: the same as the {@code resolve}
   * signal. Operator keys only (a client may not decide its own ambiguous payment), and the
   * operator recorded is the key's holder, not a name the caller types.
   */
  @PostMapping(path = "/v1/operations/{key}/resolve", consumes = "application/json")
  @SecurityRequirement(name = "operatorKey")
  ResponseEntity<OperationView> resolve(
      @AuthenticatedOperator String operator,
      @RequestParam("client") @Pattern(regexp = ClientProperties.ID_PATTERN) String clientId,
      @PathVariable String key,
      @Valid @RequestBody ResolveBody body) {
    Resolution verdict = body.toResolution(operator);
    OperationSnapshot state = find(clientId, key);
    if (state.status() != OperationStatus.MANUAL_REVIEW) {
      throw ApiException.notInManualReview(key, state.status());
    }
    client.newUntypedWorkflowStub(state.operationId()).signal(SettleNames.RESOLVE_SIGNAL, verdict);
    return responses.respond(HttpStatus.ACCEPTED, find(clientId, key), false);
  }

  /**
   * The client's operations in one status, newest first, from Temporal visibility. The limit's
   * bounds are checked by Spring MVC's own method validation (400), an empty one by {@code
   * EmptyQueryParameters}.
   */
  @GetMapping("/v1/operations")
  OperationList list(
      @AuthenticatedClient String clientId,
      @RequestParam OperationStatus status,
      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    String query = "ClientId = '" + clientId + "' AND " + ListQueries.inStatus(status);
    List<OperationList.Item> items =
        client
            .listExecutions(query)
            .limit(limit)
            .map(execution -> OperationList.Item.of(execution, clientId))
            .toList();
    return new OperationList(status, items);
  }

  private static boolean opened(DiscrepancyCase found, PaymentState payment) {
    return found.openedAt() != null
        && (payment.createdAt() == null || !found.openedAt().isBefore(payment.createdAt()));
  }

  private OperationSnapshot find(String clientId, String key) {
    IdempotencyKey.validate(key);
    return reader
        .read(OperationIds.workflowId(clientId, key))
        .orElseThrow(() -> ApiException.operationNotFound(key));
  }
}
