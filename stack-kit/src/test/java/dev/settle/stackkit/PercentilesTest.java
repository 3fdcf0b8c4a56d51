package dev.settle.stackkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void nearestRank() {
    Percentiles hundred = Percentiles.nearestRank(LongStream.rangeClosed(1, 100).boxed().toList());

    assertThat(hundred).isEqualTo(new Percentiles(100, 50, 95, 99, 100));
    assertThat(Percentiles.nearestRank(List.of(30L, 10L, 20L)).p50()).isEqualTo(20);
    assertThat(Percentiles.nearestRank(List.of(7L))).isEqualTo(new Percentiles(1, 7, 7, 7, 7));
  }

  @Test
  void noValuesHaveNoPercentiles() {
    Percentiles none = Percentiles.nearestRank(List.of());

    assertThat(none.count()).isZero();
    assertThat(none.p50()).isNaN();
    assertThat(none.max()).isNaN();
  }
}
