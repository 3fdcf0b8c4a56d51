package dev.settle.workflows.operation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UpstreamKeysTest {
  @Test
  void eachRunOfAWorkflowIdHasItsOwnKeyAndBothReadBackToTheWorkflowId() {
    String first = UpstreamKeys.of("demo", "order/1:2", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
    String second = UpstreamKeys.of("demo", "order/1:2", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c");

    assertThat(first).matches("demo:[0-9a-f]{12}/order/1:2").isNotEqualTo(second);
    assertThat(UpstreamKeys.workflowIdOf(first)).contains("demo/order/1:2");
    assertThat(UpstreamKeys.workflowIdOf(second)).contains("demo/order/1:2");
  }

  @Test
  void keysOfRunsFromBeforePerRunKeysAreTheWorkflowId() {
    assertThat(UpstreamKeys.workflowIdOf("demo/key:with/colon")).contains("demo/key:with/colon");
  }

  @Test
  void keysSettleCannotHaveSentNameNoWorkflow() {
    assertThat(UpstreamKeys.workflowIdOf(null)).isEmpty();
    assertThat(UpstreamKeys.workflowIdOf("no-slash")).isEmpty();
    assertThat(UpstreamKeys.workflowIdOf("/key")).isEmpty();
    assertThat(UpstreamKeys.workflowIdOf("demo/")).isEmpty();
    assertThat(UpstreamKeys.workflowIdOf(":abc/key")).isEmpty();
  }

  @Test
  void theLongestKeyOfTheLongestClientFitsTheUpstream() {
    String key =
        UpstreamKeys.of(
            "c".repeat(UpstreamKeys.MAX_CLIENT_ID_LENGTH),
            "k".repeat(UpstreamKeys.MAX_IDEMPOTENCY_KEY_LENGTH),
            "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");

    assertThat(key).hasSize(UpstreamKeys.UPSTREAM_MAX_LENGTH);
  }
}
