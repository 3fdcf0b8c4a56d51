package dev.settle.gateway.reconciliation;

import dev.settle.gateway.GatewayProperties;
import dev.settle.gateway.operation.OperationReader;
import io.temporal.client.WorkflowClient;
import java.time.Duration;

/** An OperationReader over a (mocked) client, with the gateway's default settings. */
final class TestReaders {
  private TestReaders() {}

  static OperationReader over(WorkflowClient client) {
    return new OperationReader(
        client,
        new GatewayProperties(
            Duration.ofSeconds(2),
            Duration.ofSeconds(1),
            128,
            Duration.ofSeconds(2),
            Duration.ofDays(1)));
  }
}
