package dev.settle.gateway.operation;

import dev.settle.gateway.DaemonThreads;
import dev.settle.gateway.GatewayProperties;
import dev.settle.gateway.problem.ApiException;
import dev.settle.workflows.operation.DecisionWait;
import dev.settle.workflows.operation.OperationSearchAttributes;
import dev.settle.workflows.operation.OperationSnapshot;
import dev.settle.workflows.operation.OperationStatus;
import dev.settle.workflows.operation.SettleNames;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import jakarta.annotation.PreDestroy;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Starts an operation, or attaches to the one already running under the same key, in one round trip
 * (update-with-start), then waits up to the decision budget for a final status. The same for every
 * operation type: only the workflow stub differs.
 */
@Service
public class OperationSubmissions {
  private static final Logger log = LoggerFactory.getLogger(OperationSubmissions.class);

  private final OperationReader reader;
  private final GatewayProperties properties;
  private final ExecutorService waiting;

  public OperationSubmissions(OperationReader reader, GatewayProperties properties) {
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

  /** What a new operation carries besides its input: identity, payload fingerprint, labels. */
  public record Intent(
      String clientId,
      String idempotencyKey,
      String fingerprint,
      String requestId,
      String type,
      String upstream) {
    public String workflowId() {
      return dev.settle.workflows.operation.OperationIds.workflowId(clientId, idempotencyKey);
    }
  }

  /**
   * The state to answer with, and whether this request found the operation already started by
   * another request (attached to it, or replayed its outcome).
   */
  public record Submission(OperationSnapshot state, boolean replayed) {
    static Submission of(OperationSnapshot state, Intent intent) {
      return new Submission(state, !intent.requestId().equals(state.startedByRequest()));
    }
  }

  /**
   * @param startOrAttach runs update-with-start with these options and this wait, returning the
   *     state the update answered
   */
  public Submission submit(
      Intent intent,
      BiFunction<WorkflowOptions, DecisionWait, ? extends OperationSnapshot> startOrAttach) {
    // The gateway keeps the budget: the update returns when the operation leaves PENDING, and a
    // request still waiting at the deadline is answered from the state read then (202). No durable
    // timer per request, and no update left open once the operation is decided or UNKNOWN.
    DecisionWait wait =
        new DecisionWait(intent.fingerprint(), properties.decisionBudget().toMillis(), true);
    Future<? extends OperationSnapshot> attempt;
    try {
      attempt = waiting.submit(() -> startOrAttach.apply(optionsFor(intent), wait));
    } catch (RejectedExecutionException full) {
      throw ApiException.overloaded();
    }
    long limit = properties.decisionBudget().toMillis();
    try {
      return Submission.of(attempt.get(limit, TimeUnit.MILLISECONDS), intent);
    } catch (TimeoutException slow) {
      // Still PENDING at the end of the budget, or no worker took the update in time. If the
      // start landed the operation is durable and runs as soon as a worker polls; if it did not,
      // nothing happened and a retry is safe. The interrupt cancels the gRPC call, so the waiting
      // thread is free for the next request instead of staying blocked until Temporal's own
      // long-poll deadline; the update itself ends when the operation leaves PENDING.
      attempt.cancel(true);
      OperationSnapshot found =
          reader
              .read(intent.workflowId())
              .orElseThrow(() -> ApiException.notStarted(intent.idempotencyKey()));
      return Submission.of(samePayload(intent, found), intent);
    } catch (InterruptedException interrupted) {
      attempt.cancel(true);
      Thread.currentThread().interrupt();
      throw ApiException.engineUnavailable(intent.idempotencyKey());
    } catch (ExecutionException failed) {
      return afterFailure(intent, failed.getCause());
    }
  }

  /**
   * Without a worker the update's validator has not compared the payloads yet, so the gateway does:
   * a different payload gets 422, never the other payload's operation. A state built from the
   * visibility record has no fingerprint; the one the operation was started with is then read from
   * its history, and if even that cannot be read, nothing can be promised: 503, retry.
   */
  private OperationSnapshot samePayload(Intent intent, OperationSnapshot found) {
    String fingerprint =
        found.fingerprint() != null
            ? found.fingerprint()
            : reader
                .startFingerprint(intent.workflowId())
                .orElseThrow(() -> ApiException.engineUnavailable(intent.idempotencyKey()));
    if (!intent.fingerprint().equals(fingerprint)) {
      throw ApiException.keyReused(intent.idempotencyKey());
    }
    return found;
  }

  private Submission afterFailure(Intent intent, Throwable failure) {
    if (hasFailureType(failure, SettleNames.FINGERPRINT_MISMATCH)) {
      throw ApiException.keyReused(intent.idempotencyKey());
    }
    if (isAlreadyClosed(failure)) {
      OperationSnapshot closed =
          reader
              .read(intent.workflowId())
              .orElseThrow(() -> ApiException.engineUnavailable(intent.idempotencyKey()));
      // A workflow ended from outside may be known only by its visibility record, without a
      // fingerprint: samePayload then reads it from the start event.
      return Submission.of(samePayload(intent, closed), intent);
    }
    if (isUpdateDropped(failure)) {
      // The workflow task that was to run the update failed, typically with UnhandledCommand: a
      // signal (a webhook's evidence) or another update arrived while the task completed, and the
      // worker runs it again with the new events. Temporal drops the updates of that task, not the
      // operation, so the answer is its state as of now, as when the budget runs out (the chaos
      // soak saw these as 503s).
      OperationSnapshot found =
          reader
              .read(intent.workflowId())
              .orElseThrow(() -> ApiException.notStarted(intent.idempotencyKey()));
      return Submission.of(samePayload(intent, found), intent);
    }
    // The client gets a retryable 503; the operator needs the cause.
    log.warn(
        "Submission of {} failed; answering 503 engine-unavailable", intent.workflowId(), failure);
    throw ApiException.engineUnavailable(intent.idempotencyKey());
  }

  private static WorkflowOptions optionsFor(Intent intent) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(intent.workflowId())
        .setTaskQueue(SettleNames.TASK_QUEUE)
        // A concurrent duplicate attaches to the running execution...
        .setWorkflowIdConflictPolicy(
            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        // ...and a late one never starts a second run: it gets the recorded outcome.
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(OperationSearchAttributes.OPERATION_TYPE, intent.type())
                .set(OperationSearchAttributes.UPSTREAM, intent.upstream())
                .set(OperationSearchAttributes.CLIENT_ID, intent.clientId())
                .set(OperationSearchAttributes.OPERATION_STATUS, OperationStatus.PENDING.name())
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

  /**
   * FAILED_PRECONDITION "Unable to perform workflow execution update due to unexpected workflow
   * task failure": the update was not run, the execution it was for goes on.
   */
  private static boolean isUpdateDropped(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException grpc
          && (grpc.getStatus().getCode() == Status.Code.FAILED_PRECONDITION
              || isUpdateLimit(grpc.getStatus()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * RESOURCE_EXHAUSTED for this workflow's updates: too many requests of a hot key are waiting on a
   * PENDING operation at once (Temporal's limit of in-flight updates per workflow), or it had its
   * total of updates. The operation is there; the answer is its state.
   */
  private static boolean isUpdateLimit(Status status) {
    return status.getCode() == Status.Code.RESOURCE_EXHAUSTED
        && status.getDescription() != null
        && status.getDescription().toLowerCase(Locale.ROOT).contains("update");
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
