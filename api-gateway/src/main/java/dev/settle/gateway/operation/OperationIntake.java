package dev.settle.gateway.operation;

import dev.settle.gateway.idempotency.IdempotencyKey;
import dev.settle.gateway.operation.OperationSubmissions.Intent;
import dev.settle.workflows.operation.OperationSnapshot;
import dev.settle.workflows.operation.SettleNames;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateStage;
import java.util.UUID;
import java.util.function.BiFunction;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The one submission path of every operation kind: the key checked, the request built, the workflow
 * started (or attached to) with its decision wait in one update-with-start, and the answer shaped.
 * Controllers only bind their body to a request.
 */
@Component
public class OperationIntake {
  private final OperationSubmissions submissions;
  private final OperationResponses responses;
  private final WorkflowClient client;

  OperationIntake(
      OperationSubmissions submissions, OperationResponses responses, WorkflowClient client) {
    this.submissions = submissions;
    this.responses = responses;
    this.client = client;
  }

  /**
   * @param toRequest the body as a request, given the parsed key and this HTTP request's ID
   */
  public <R, S extends OperationSnapshot> ResponseEntity<OperationView> submit(
      OperationKind<R, S> kind,
      String clientId,
      String idempotencyKey,
      String prefer,
      BiFunction<String, String, R> toRequest) {
    String key = IdempotencyKey.parse(idempotencyKey);
    R request = toRequest.apply(key, UUID.randomUUID().toString());
    Intent intent =
        new Intent(
            clientId,
            key,
            kind.fingerprint().apply(request),
            kind.requestId().apply(request),
            kind.type(),
            kind.upstream());
    return responses.afterSubmission(
        key,
        prefer,
        submissions.submit(
            intent,
            (options, wait) ->
                client
                    .newUntypedWorkflowStub(kind.workflowType(), options)
                    .executeUpdateWithStart(
                        UpdateOptions.newBuilder(kind.stateClass())
                            .setUpdateName(SettleNames.AWAIT_DECISION_UPDATE)
                            .setWaitForStage(WorkflowUpdateStage.COMPLETED)
                            .build(),
                        new Object[] {wait},
                        new Object[] {request})));
  }
}
