package dev.settle.activities.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryDelaysTest {
  static final Duration INITIAL = Duration.ofMillis(500);
  static final Duration MAX = Duration.ofSeconds(10);

  @Test
  void growsExponentiallyWithinHalfToFullOfTheStep() {
    for (int attempt = 1; attempt <= 5; attempt++) {
      long full = 500L << (attempt - 1);
      for (int i = 0; i < 200; i++) {
        assertThat(RetryDelays.jittered(attempt, INITIAL, MAX).toMillis())
            .isBetween(full / 2, full);
      }
    }
  }

  @Test
  void isCappedEvenForHugeAttemptNumbers() {
    for (int attempt : new int[] {6, 20, 40, 1000}) {
      assertThat(RetryDelays.jittered(attempt, INITIAL, MAX)).isBetween(MAX.dividedBy(2), MAX);
    }
  }

  @Test
  void isJittered() {
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      seen.add(RetryDelays.jittered(4, INITIAL, MAX).toMillis());
    }
    assertThat(seen).hasSizeGreaterThan(10);
  }

  @Test
  void aKnownRefusalIsWaitedOutWithSpreadAndNeverShortensTheDelay() {
    Duration open = Duration.ofSeconds(5);
    for (int i = 0; i < 200; i++) {
      assertThat(RetryDelays.notBefore(open, Duration.ofMillis(300)))
          .isBetween(open, open.plus(open.dividedBy(2)));
    }
    assertThat(RetryDelays.notBefore(open, Duration.ofSeconds(9))).isEqualTo(Duration.ofSeconds(9));
    assertThat(RetryDelays.notBefore(Duration.ZERO, Duration.ofMillis(300)))
        .isEqualTo(Duration.ofMillis(300));
  }
}
