package dev.settle.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void nearestRank() {
    List<Long> hundred = LongStream.rangeClosed(1, 100).boxed().toList();

    assertThat(Percentiles.of(hundred, 50)).isEqualTo(50);
    assertThat(Percentiles.of(hundred, 99)).isEqualTo(99);
    assertThat(Percentiles.of(hundred, 100)).isEqualTo(100);
    assertThat(Percentiles.of(List.of(30L, 10L, 20L), 50)).isEqualTo(20);
    assertThat(Percentiles.of(List.of(7L), 99)).isEqualTo(7);
  }

  @Test
  void noValuesIsMinusOne() {
    assertThat(Percentiles.of(List.of(), 50)).isEqualTo(-1);
  }
}
