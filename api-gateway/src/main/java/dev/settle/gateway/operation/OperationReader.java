package dev.settle.gateway.operation;

import static dev.settle.workflows.operation.OperationSearchAttributes.OPERATION_STATUS;

import dev.settle.gateway.DaemonThreads;
import dev.settle.gateway.GatewayProperties;
import dev.settle.workflows.operation.OperationSnapshot;
import dev.settle.workflows.operation.OperationStatus;
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
import java.util.List;
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
      // With no worker polling, a query waits on the server far longer than a client should;
      // past the bound the visibility record answers instead.
      Future<OperationSnapshot> query =
          queries.submit(() -> stub.query(SettleNames.STATE_QUERY, type));
      try {
        return Optional.of(query.get(queryTimeout.toMillis(), TimeUnit.MILLISECONDS));
      } catch (TimeoutException | ExecutionException e) {
        query.cancel(true);
        log.warn(
            "State query of {} failed, answering from search attributes: {}",
            workflowId,
            e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return Optional.of(fromSearchAttributes(workflowId, description));
  }

  /**
   * The payload fingerprint the operation was started with, from the input of its first history
   * event: readable while no worker runs. Empty if the history cannot be read.
   */
  public Optional<String> startFingerprint(String workflowId) {
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
      Object input =
          client
              .getOptions()
              .getDataConverter()
              .fromPayloads(0, Optional.of(started.getInput()), type, type);
      return Optional.ofNullable(
          input instanceof OrderRequest o
              ? o.fingerprint()
              : ((PaymentRequest) input).fingerprint());
    } catch (RuntimeException e) {
      log.warn("Could not read the start input of {}: {}", workflowId, e.toString());
      return Optional.empty();
    }
  }

  private static Class<? extends OperationSnapshot> stateType(String workflowType) {
    return OrderWorkflow.class.getSimpleName().equals(workflowType)
        ? OrderState.class
        : PaymentState.class;
  }

  /** A sketch of the state without a worker: only what the visibility record holds. */
  private static OperationSnapshot fromSearchAttributes(
      String workflowId, WorkflowExecutionDescription description) {
    String recorded = description.getTypedSearchAttributes().get(OPERATION_STATUS);
    OperationStatus status =
        recorded == null ? OperationStatus.PENDING : OperationStatus.valueOf(recorded);
    int slash = workflowId.indexOf('/');
    String failure =
        description.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
            ? null
            : "workflow-"
                + description
                    .getStatus()
                    .name()
                    .toLowerCase()
                    .replace("workflow_execution_status_", "");
    if (stateType(description.getWorkflowType()) == OrderState.class) {
      return new OrderState(
          workflowId,
          workflowId.substring(0, slash),
          workflowId.substring(slash + 1),
          status,
          null,
          null,
          null,
          null,
          null,
          null,
          List.of(),
          false,
          failure,
          null,
          description.getStartTime(),
          description.getCloseTime(),
          null,
          null,
          false,
          false,
          null,
          List.of(),
          null,
          null,
          null);
    }
    return new PaymentState(
        workflowId,
        workflowId.substring(0, slash),
        workflowId.substring(slash + 1),
        status,
        null,
        null,
        null,
        null,
        null,
        null,
        failure,
        null,
        description.getStartTime(),
        description.getCloseTime(),
        null,
        null,
        0,
        false,
        null,
        List.of(),
        null,
        null);
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
