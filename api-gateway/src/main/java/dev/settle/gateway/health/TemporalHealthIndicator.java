package dev.settle.gateway.health;

import dev.settle.gateway.GatewayProperties;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.client.WorkflowClient;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The gateway can record operations only while Temporal answers for its namespace. Part of the
 * readiness group (a load balancer sends requests elsewhere), not of liveness (restarting the
 * gateway would not bring Temporal back).
 */
@Component
class TemporalHealthIndicator implements HealthIndicator {
  private final WorkflowClient client;
  private final GatewayProperties properties;

  TemporalHealthIndicator(WorkflowClient client, GatewayProperties properties) {
    this.client = client;
    this.properties = properties;
  }

  @Override
  public Health health() {
    String namespace = client.getOptions().getNamespace();
    try {
      client
          .getWorkflowServiceStubs()
          .blockingStub()
          .withDeadlineAfter(properties.queryTimeout().toMillis(), TimeUnit.MILLISECONDS)
          .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build());
      return Health.up().withDetail("namespace", namespace).build();
    } catch (RuntimeException unreachable) {
      return Health.down()
          .withDetail("namespace", namespace)
          .withDetail("error", unreachable.getMessage())
          .build();
    }
  }
}
