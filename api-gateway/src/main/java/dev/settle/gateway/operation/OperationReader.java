package dev.settle.gateway.operation;

import dev.settle.gateway.DaemonThreads;
import dev.settle.gateway.GatewayProperties;
import dev.settle.workflows.operation.OperationSnapshot;
import dev.settle.workflows.operation.SettleNames;
import dev.settle.workflows.order.OrderRequest;
import dev.settle.workflows.order.OrderState;
import dev.settle.workflows.order.OrderWorkflow;
import dev.settle.workflows.payment.PaymentRequest;
import dev.settle.workflows.payment.PaymentState;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads an operation's state from Temporal, which is the operation table: the query of a running
 * workflow, the result of a closed one. If no worker answers the query, the status search attribute
 * still tells where it stands.
 */
@Component
public class OperationReader {
  private static final Logger log = LoggerFactory.getLogger(OperationReader.class);

  private final WorkflowClient client;
  private final Duration queryTimeout;
  private final ExecutorService queries =
      Executors.newCachedThreadPool(DaemonThreads.named("settle-query"));

  public OperationReader(WorkflowClient client, GatewayProperties properties) {
    this.client = client;
    this.queryTimeout = properties.queryTimeout();
  }

  public Optional<OperationSnapshot> read(String workflowId) {
    WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
    WorkflowExecutionDescription description;
    try {
      description = stub.describe();
    } catch (RuntimeException e) {
      if (isNotFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
    WorkflowExecutionStatus status = description.getStatus();
    Class<? extends OperationSnapshot> type = stateType(description.getWorkflowType());
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      return Optional.of(stub.getResult(type));
    }
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return Optional.of(
          query(stub, type, workflowId)
              .<OperationSnapshot>map(state -> state)
              .orElseGet(() -> StateSketch.of(workflowId, description, Optional.empty())));
    }
    // Ended from outside (terminated, timed out). No query: the SDK cannot replay a history that
    // ends in WorkflowExecutionTerminated ("Failure handling event ... during replay"), so the
    // request comes from the start event and the status it had from visibility.
    OperationSnapshot last = StateSketch.of(workflowId, description, startInput(workflowId));
    return Optional.of(EndedWorkflows.asFinal(last, status, description.getCloseTime()));
  }

  /**
   * The workflow's {@code state} query, waited for at most {@code settle.gateway.query-timeout}:
   * empty when no worker answered in time or the query failed. With no worker polling, a query
   * waits on the server far longer than a client should; callers answer from what they have.
   */
  public <T> Optional<T> query(WorkflowStub stub, Class<T> type, String workflowId) {
    Future<T> query = queries.submit(() -> stub.query(SettleNames.STATE_QUERY, type));
    try {
      return Optional.of(query.get(queryTimeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException | ExecutionException e) {
      query.cancel(true);
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      log.warn(
          "State query of {} failed, answering without it: {} ({})",
          workflowId,
          e.toString(),
          root.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Optional.empty();
  }

  /**
   * The payload fingerprint the operation was started with, from the input of its first history
   * event: readable while no worker runs. Empty if the history cannot be read.
   */
  public Optional<String> startFingerprint(String workflowId) {
    return startInput(workflowId)
        .map(
            input ->
                input instanceof OrderRequest o
                    ? o.fingerprint()
                    : ((PaymentRequest) input).fingerprint());
  }

  /** The request the operation was started with (a PaymentRequest or an OrderRequest). */
  private Optional<Object> startInput(String workflowId) {
    try {
      GetWorkflowExecutionHistoryResponse first =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .getWorkflowExecutionHistory(
                  GetWorkflowExecutionHistoryRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                      .setMaximumPageSize(1)
                      .build());
      if (first.getHistory().getEventsCount() == 0) {
        return Optional.empty();
      }
      WorkflowExecutionStartedEventAttributes started =
          first.getHistory().getEvents(0).getWorkflowExecutionStartedEventAttributes();
      boolean order = stateType(started.getWorkflowType().getName()) == OrderState.class;
      Class<?> type = order ? OrderRequest.class : PaymentRequest.class;
      return Optional.ofNullable(
          client
              .getOptions()
              .getDataConverter()
              .fromPayloads(0, Optional.of(started.getInput()), type, type));
    } catch (RuntimeException e) {
      log.warn("Could not read the start input of {}: {}", workflowId, e.toString());
      return Optional.empty();
    }
  }

  static Class<? extends OperationSnapshot> stateType(String workflowType) {
    return OrderWorkflow.class.getSimpleName().equals(workflowType)
        ? OrderState.class
        : PaymentState.class;
  }

  @PreDestroy
  void stop() {
    queries.shutdownNow();
  }

  public static boolean isNotFound(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof WorkflowNotFoundException) {
        return true;
      }
      if (t instanceof StatusRuntimeException grpc
          && grpc.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return true;
      }
    }
    return false;
  }
}
