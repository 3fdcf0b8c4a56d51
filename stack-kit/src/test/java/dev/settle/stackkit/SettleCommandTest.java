package dev.settle.stackkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettleCommandTest {
  @TempDir Path repo;

  @Test
  void runsInTheRepositoryWithTheStacksVariablesAndReturnsTheOutput() {
    SettleCommand command = new SettleCommand(repo, Map.of("SETTLE_HOME", "/somewhere"));

    String output =
        command.run(Duration.ofSeconds(30), "sh", "-c", "pwd; echo $SETTLE_HOME; echo oops >&2");

    assertThat(output.lines())
        .containsExactly(repo.toAbsolutePath().normalize().toString(), "/somewhere", "oops");
  }

  @Test
  void aFailingCommandThrowsWithItsExitCodeAndOutput() {
    SettleCommand command = new SettleCommand(repo, Map.of());

    assertThatThrownBy(
            () -> command.run(Duration.ofSeconds(30), "sh", "-c", "echo what went wrong; exit 3"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exited 3")
        .hasMessageContaining("what went wrong");
  }

  @Test
  void aCommandThatOutlivesItsTimeoutIsKilledAndReported() {
    SettleCommand command = new SettleCommand(repo, Map.of());
    long started = System.nanoTime();

    assertThatThrownBy(
            () -> command.run(Duration.ofMillis(300), "sh", "-c", "echo started; exec sleep 30"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("timed out")
        .hasMessageContaining("started");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
  }
}
