package dev.settle.chaos.http;

import dev.settle.workflows.operation.OperationIds;

/**
 * Who a chaos run is to the gateway: client {@code demo} (stack-kit's GatewayClient.demo makes its
 * requests), and so the workflow id Settle gives each of its operations downstream.
 */
public final class GatewayClient {
  /** The client id Settle prefixes keys with in workflow ids and upstream keys. */
  public static final String CLIENT = dev.settle.stackkit.http.GatewayClient.DEMO_CLIENT;

  private GatewayClient() {}

  /** The id Settle gives the operation everywhere downstream: {@code demo/<key>}. */
  public static String workflowId(String key) {
    return OperationIds.workflowId(CLIENT, key);
  }
}
