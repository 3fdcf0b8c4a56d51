package dev.settle.gateway;

import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.DescribeNamespaceResponse;
import io.temporal.client.WorkflowClient;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** The gateway's Temporal namespace, as Temporal describes it. */
@Component
public class TemporalNamespace {
  private final WorkflowClient client;
  private final GatewayProperties properties;

  public TemporalNamespace(WorkflowClient client, GatewayProperties properties) {
    this.client = client;
    this.properties = properties;
  }

  public String name() {
    return client.getOptions().getNamespace();
  }

  /**
   * Asks Temporal now, within the query timeout (a request thread must not hang on an unreachable
   * frontend); throws (gRPC status) when it does not answer in time or the namespace is missing.
   */
  public DescribeNamespaceResponse describe() {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .withDeadlineAfter(properties.queryTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(name()).build());
  }
}
