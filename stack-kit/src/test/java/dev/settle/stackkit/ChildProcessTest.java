package dev.settle.stackkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {
  @TempDir Path dir;

  @Test
  void aProcessThatHonoursSigtermStopsByItselfAndLeavesItsLog() throws InterruptedException {
    try (ChildProcess child =
        ChildProcess.start(
            "polite",
            new ProcessBuilder("sh", "-c", "echo started; exec sleep 30"),
            dir.resolve("logs/polite.log"))) {
      awaitLog(child, "started");

      assertThat(child.stop(Duration.ofSeconds(10))).isTrue();
      assertThat(child.alive()).isFalse();
      assertThat(child.tail(5)).isEqualTo("started");
    }
  }

  @Test
  void aProcessThatIgnoresSigtermIsKilledAfterTheGrace() throws InterruptedException {
    try (ChildProcess child =
        ChildProcess.start(
            "stubborn",
            new ProcessBuilder(
                "sh", "-c", "trap '' TERM; echo trapped; while true; do sleep 0.1; done"),
            dir.resolve("stubborn.log"))) {
      awaitLog(child, "trapped");

      assertThat(child.stop(Duration.ofMillis(500))).isFalse();
      assertThat(child.alive()).isFalse();
    }
  }

  @Test
  void waitingForAnAnswerFailsWithTheLogWhenTheProcessExits() {
    int nobody = LoopbackPorts.free();
    assertThat(ChildProcess.httpStatus("http://127.0.0.1:" + nobody + "/")).isZero();
    try (ChildProcess child =
        ChildProcess.start(
            "crashing",
            new ProcessBuilder("sh", "-c", "echo cannot start; exit 4"),
            dir.resolve("crashing.log"))) {
      assertThatThrownBy(
              () ->
                  child.awaitHttpStatus(
                      "http://127.0.0.1:" + nobody + "/actuator/health",
                      200,
                      Duration.ofSeconds(20)))
          .hasMessageContaining("crashing exited 4")
          .hasMessageContaining("cannot start");
    }
  }

  private static void awaitLog(ChildProcess child, String line) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!child.tail(5).contains(line)) {
      assertThat(System.nanoTime())
          .as("log of %s never showed %s", child.name(), line)
          .isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
