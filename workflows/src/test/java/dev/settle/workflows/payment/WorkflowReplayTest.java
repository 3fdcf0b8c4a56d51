package dev.settle.workflows.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.settle.workflows.discrepancy.DiscrepancyWorkflowImpl;
import dev.settle.workflows.order.OrderWorkflowImpl;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays recorded histories of every payment, order and discrepancy-case path against today's
 * workflow code. A change that would break workflows already running (non-determinism) fails here;
 * roll such a change out behind {@code Workflow.getVersion} and record new histories (mvn test
 * -Dsettle.recordHistories=true) beside the old ones, never instead of them.
 */
class WorkflowReplayTest {

  static List<Path> histories() throws IOException {
    try (Stream<Path> files = Files.list(PaymentWorkflowHarness.HISTORIES)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    }
  }

  @ParameterizedTest
  @MethodSource("histories")
  void replaysWithoutNonDeterminism(Path history) throws Exception {
    String file = history.getFileName().toString();
    Class<?> implementation =
        file.startsWith("order-")
            ? OrderWorkflowImpl.class
            : file.startsWith("discrepancy-")
                ? DiscrepancyWorkflowImpl.class
                : PaymentWorkflowImpl.class;
    WorkflowReplayer.replayWorkflowExecution(Files.readString(history), implementation);
  }

  @ParameterizedTest
  @MethodSource("histories")
  void historiesCoverTheRecordedPaths(Path history) throws IOException {
    assertThat(Files.readString(history))
        .containsAnyOf("PaymentWorkflow", "OrderWorkflow", "DiscrepancyWorkflow");
    assertThat(histories()).hasSizeGreaterThanOrEqualTo(14);
  }
}
