package dev.settle.activities.upstream;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/**
 * The single place that decides what an upstream answer (or its absence) means. When in doubt it
 * says AMBIGUOUS: treating a maybe-executed call as not executed is how payments run twice.
 */
public final class OutcomeClassifier {
  private OutcomeClassifier() {}

  public static CallOutcome ofStatus(int status) {
    if (status >= 200 && status < 300) {
      return CallOutcome.EXECUTED;
    }
    if (status == 429 || status == 503) {
      return CallOutcome.NOT_EXECUTED;
    }
    if (status == 408 || status == 409 || status >= 500) {
      // 408/409: another request with this key may be in progress; 500/502/504: a proxy or the
      // upstream failed somewhere after receiving the request.
      return CallOutcome.AMBIGUOUS;
    }
    return CallOutcome.REJECTED;
  }

  public static CallOutcome ofException(Throwable error) {
    if (error instanceof CallNotPermittedException
        || error instanceof HttpConnectTimeoutException
        || error instanceof ConnectException
        || error instanceof UnknownHostException
        || error instanceof UnresolvedAddressException) {
      return CallOutcome.NOT_EXECUTED;
    }
    // A read timeout (HttpTimeoutException), a reset or EOF after the request left, or anything we
    // did not foresee: the upstream may have acted.
    return CallOutcome.AMBIGUOUS;
  }
}
