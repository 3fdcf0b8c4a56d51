package dev.settle.activities.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutcomeClassifierTest {

  @ParameterizedTest
  @CsvSource({
    "200, EXECUTED",
    "201, EXECUTED",
    "400, REJECTED",
    "402, REJECTED",
    "403, REJECTED",
    "422, REJECTED",
    "429, NOT_EXECUTED",
    "503, NOT_EXECUTED",
    "408, AMBIGUOUS",
    "409, AMBIGUOUS",
    "500, AMBIGUOUS",
    "502, AMBIGUOUS",
    "504, AMBIGUOUS"
  })
  void statusCodes(int status, CallOutcome expected) {
    assertThat(OutcomeClassifier.ofStatus(status)).isEqualTo(expected);
  }

  @Test
  void failuresBeforeTheRequestLeftAreNotExecuted() {
    assertThat(OutcomeClassifier.ofException(new ConnectException("refused")))
        .isEqualTo(CallOutcome.NOT_EXECUTED);
    assertThat(OutcomeClassifier.ofException(new HttpConnectTimeoutException("connect timed out")))
        .isEqualTo(CallOutcome.NOT_EXECUTED);
    assertThat(
            OutcomeClassifier.ofException(
                CallNotPermittedException.createCallNotPermittedException(
                    CircuitBreaker.ofDefaults("payments"))))
        .isEqualTo(CallOutcome.NOT_EXECUTED);
  }

  @Test
  void failuresAfterTheRequestLeftAreAmbiguous() {
    assertThat(OutcomeClassifier.ofException(new HttpTimeoutException("request timed out")))
        .isEqualTo(CallOutcome.AMBIGUOUS);
    assertThat(OutcomeClassifier.ofException(new IOException("Connection reset")))
        .isEqualTo(CallOutcome.AMBIGUOUS);
    assertThat(OutcomeClassifier.ofException(new EOFException("EOF reached while reading")))
        .isEqualTo(CallOutcome.AMBIGUOUS);
  }
}
