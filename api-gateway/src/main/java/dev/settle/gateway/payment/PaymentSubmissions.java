package dev.settle.gateway.payment;

import static dev.settle.workflows.operation.OperationSearchAttributes.CLIENT_ID;
import static dev.settle.workflows.operation.OperationSearchAttributes.OPERATION_STATUS;
import static dev.settle.workflows.operation.OperationSearchAttributes.OPERATION_TYPE;
import static dev.settle.workflows.operation.OperationSearchAttributes.UPSTREAM;

import dev.settle.gateway.DaemonThreads;
import dev.settle.gateway.GatewayProperties;
import dev.settle.gateway.operation.OperationReader;
import dev.settle.gateway.problem.ApiException;
import dev.settle.workflows.operation.OperationStatus;
import dev.settle.workflows.operation.SettleNames;
import dev.settle.workflows.payment.DecisionWait;
import dev.settle.workflows.payment.PaymentRequest;
import dev.settle.workflows.payment.PaymentState;
import dev.settle.workflows.payment.PaymentWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Service;

/**
 * Starts a payment, or attaches to the one already running under the same key, in one round trip
 * (update-with-start), then waits up to the decision budget for a final status.
 */
@Service
public class PaymentSubmissions {
  private final WorkflowClient client;
  private final OperationReader reader;
  private final GatewayProperties properties;
  private final ExecutorService waiting;

  public PaymentSubmissions(WorkflowClient client, OperationReader reader, GatewayProperties properties) {
    this.client = client;
    this.reader = reader;
    this.properties = properties;
    // Bounded and without a queue: past the limit the gateway says 503 instead of piling up.
    this.waiting =
        new ThreadPoolExecutor(
            0,
            properties.maxConcurrentSubmissions(),
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            DaemonThreads.named("settle-submission"));
  }

  /**
   * The state to answer with, and whether this request found the operation already started by
   * another request (attached to it, or replayed its outcome).
   */
  public record Submission(PaymentState state, boolean replayed) {
    static Submission of(PaymentState state, PaymentRequest request) {
      return new Submission(state, !request.requestId().equals(state.startedByRequest()));
    }
  }

  public Submission submit(PaymentRequest request) {
    Future<PaymentState> attempt;
    try {
      attempt = waiting.submit(() -> startOrAttach(request));
    } catch (RejectedExecutionException full) {
      throw ApiException.overloaded();
    }
    long limit = properties.decisionBudget().plus(properties.temporalGrace()).toMillis();
    try {
      return Submission.of(attempt.get(limit, TimeUnit.MILLISECONDS), request);
    } catch (TimeoutException slow) {
      // No worker took the update in time. If the start landed the operation is durable and runs
      // as soon as a worker polls; if it did not, nothing happened and a retry is safe.
      return Submission.of(
          reader
              .read(request.operationId())
              .orElseThrow(() -> ApiException.notStarted(request.idempotencyKey())),
          request);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw ApiException.engineUnavailable(request.idempotencyKey());
    } catch (ExecutionException failed) {
      return afterFailure(request, failed.getCause());
    }
  }

  private PaymentState startOrAttach(PaymentRequest request) {
    PaymentWorkflow workflow = client.newWorkflowStub(PaymentWorkflow.class, optionsFor(request));
    return WorkflowClient.executeUpdateWithStart(
        workflow::awaitDecision,
        new DecisionWait(request.fingerprint(), properties.decisionBudget().toMillis()),
        UpdateOptions.<PaymentState>newBuilder()
            .setWaitForStage(WorkflowUpdateStage.COMPLETED)
            .build(),
        new WithStartWorkflowOperation<>(workflow::pay, request));
  }

  private Submission afterFailure(PaymentRequest request, Throwable failure) {
    if (hasFailureType(failure, SettleNames.FINGERPRINT_MISMATCH)) {
      throw ApiException.keyReused(request.idempotencyKey());
    }
    if (isAlreadyClosed(failure)) {
      PaymentState closed =
          reader
              .read(request.operationId())
              .orElseThrow(() -> ApiException.engineUnavailable(request.idempotencyKey()));
      if (!request.fingerprint().equals(closed.fingerprint())) {
        throw ApiException.keyReused(request.idempotencyKey());
      }
      return Submission.of(closed, request);
    }
    throw ApiException.engineUnavailable(request.idempotencyKey());
  }

  private WorkflowOptions optionsFor(PaymentRequest request) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(request.operationId())
        .setTaskQueue(SettleNames.TASK_QUEUE)
        // A concurrent duplicate attaches to the running execution...
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        // ...and a late one never starts a second run: it gets the recorded outcome.
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(OPERATION_TYPE, SettleNames.OPERATION_TYPE_PAYMENT)
                .set(UPSTREAM, SettleNames.UPSTREAM_PAYMENTS)
                .set(CLIENT_ID, request.clientId())
                .set(OPERATION_STATUS, OperationStatus.PENDING.name())
                .build())
        .build();
  }

  private static boolean hasFailureType(Throwable failure, String type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app
          && (type.equals(app.getType()) || app.getOriginalMessage().startsWith(type))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAlreadyClosed(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof WorkflowExecutionAlreadyStarted) {
        return true;
      }
      if (t instanceof StatusRuntimeException grpc
          && grpc.getStatus().getCode() == Status.Code.ALREADY_EXISTS) {
        return true;
      }
    }
    return false;
  }

  @PreDestroy
  void stop() {
    waiting.shutdown();
  }
}
