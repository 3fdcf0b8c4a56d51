package dev.settle.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which stack a run measures: its own by default, as bench/run.sh relies on. */
class BenchOptionsTest {

  @Test
  void aRunMeasuresAStackOfItsOwnUnlessToldToTargetTheRunningOne() {
    BenchOptions own = BenchOptions.parse("--workers", "1");
    assertThat(own.stack()).contains(Path.of("bench/target/stack"));
    assertThat(own.keepStack()).isFalse();
    assertThat(own.jfr()).isEmpty();

    assertThat(BenchOptions.parse("--target-running", "--workers", "2").stack()).isEmpty();
  }

  @Test
  void flagsTakeNoValueAndTheStackOptionsKeepTheirs() {
    BenchOptions options =
        BenchOptions.parse(
            "--keep-stack", "--stack-home", "/tmp/stack", "--jfr", "/tmp/jfr", "--workers", "1,2");

    assertThat(options.keepStack()).isTrue();
    assertThat(options.stack()).contains(Path.of("/tmp/stack"));
    assertThat(options.jfr()).contains(Path.of("/tmp/jfr"));
    assertThat(options.workers()).containsExactly(1, 2);
  }
}
