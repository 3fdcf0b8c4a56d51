package dev.settle.activities.worker;

import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.client.WorkflowClient;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** Asks Temporal whether the worker's namespace exists: reachable, authorized, registered. */
@Component
class NamespaceProbe {
  private final WorkflowClient client;
  private final WorkerLifecycleProperties properties;

  NamespaceProbe(WorkflowClient client, WorkerLifecycleProperties properties) {
    this.client = client;
    this.properties = properties;
  }

  /** Throws (gRPC status) when the namespace cannot be described within the probe timeout. */
  void check() {
    client
        .getWorkflowServiceStubs()
        .blockingStub()
        .withDeadlineAfter(properties.probeTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(namespace()).build());
  }

  String namespace() {
    return client.getOptions().getNamespace();
  }
}
