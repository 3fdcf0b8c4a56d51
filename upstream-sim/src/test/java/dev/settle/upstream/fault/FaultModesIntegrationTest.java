package dev.settle.upstream.fault;

import static dev.settle.upstream.testsupport.UpstreamClient.json;
import static dev.settle.upstream.testsupport.UpstreamClient.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.settle.upstream.testsupport.PostgresBackedTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each fault mode as a caller with a short timeout experiences it, checked against the DB. */
class FaultModesIntegrationTest extends PostgresBackedTest {

  private static final String BODY = payment("acc-1", "acc-2", "7.25", "EUR");
  private static final Duration CALLER_TIMEOUT = Duration.ofMillis(500);
  private static final long HANG_MS = 1500;

  private static String newKey() {
    return "it-" + UUID.randomUUID();
  }

  /** Refused at once, nothing applied: the same key goes through once the fault is spent. */
  @ParameterizedTest
  @CsvSource({"FAIL_BEFORE_COMMIT, 503, /unavailable", "AUTH_REFUSED, 401, /unauthorized"})
  void aRefusalBeforeCommitAppliesNothing(String mode, int status, String type) throws Exception {
    String key = newKey();
    upstream.addFault(Map.of("mode", mode, "count", 1));

    HttpResponse<String> failed = upstream.pay(key, BODY, CALLER_TIMEOUT);

    assertThat(failed.statusCode()).isEqualTo(status);
    assertThat(failed.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(json(failed).get("type").asText()).endsWith(type);
    assertThat(upstream.applied(key)).isZero();
    assertThat(upstream.pay(key, BODY).statusCode()).isEqualTo(201);
    assertThat(upstream.applied(key)).isEqualTo(1);
  }

  @Test
  void timeoutBeforeCommitTimesTheCallerOutAndNeverApplies() throws Exception {
    String key = newKey();
    upstream.addFault(Map.of("mode", "TIMEOUT_BEFORE_COMMIT", "count", 1, "latencyMs", HANG_MS));
    long start = System.nanoTime();

    Throwable thrown = catchThrowable(() -> upstream.pay(key, BODY, CALLER_TIMEOUT));

    assertThat(thrown).isInstanceOf(HttpTimeoutException.class);
    sleepUntil(start, HANG_MS + 500);
    assertThat(upstream.applied(key)).isZero();
    assertThat(upstream.get("/payments/" + key).statusCode()).isEqualTo(404);
  }

  @Test
  void commitThenTimeoutTimesTheCallerOutButHasApplied() throws Exception {
    String key = newKey();
    upstream.addFault(Map.of("mode", "COMMIT_THEN_TIMEOUT", "count", 1, "latencyMs", HANG_MS));

    Throwable thrown = catchThrowable(() -> upstream.pay(key, BODY, CALLER_TIMEOUT));

    assertThat(thrown).isInstanceOf(HttpTimeoutException.class);
    assertThat(upstream.applied(key)).isEqualTo(1);
    assertThat(upstream.get("/payments/" + key).statusCode()).isEqualTo(200);
    HttpResponse<String> retry = upstream.pay(key, BODY);
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(upstream.applied(key)).isEqualTo(1);
  }

  @Test
  void commitThenResetFailsTheCallerWithAnIoErrorButHasApplied() throws Exception {
    String key = newKey();
    upstream.addFault(Map.of("mode", "COMMIT_THEN_RESET", "count", 1));
    long start = System.nanoTime();

    Throwable thrown = catchThrowable(() -> upstream.pay(key, BODY, Duration.ofSeconds(5)));

    // Not a timeout: the connection ends at once, with no status line. On JDK 17 this is
    // IOException("HTTP/1.1 header parser received no bytes") caused by EOFException.
    assertThat(thrown).isInstanceOf(IOException.class).isNotInstanceOf(HttpTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(upstream.applied(key)).isEqualTo(1);
    assertThat(upstream.pay(key, BODY).statusCode()).isEqualTo(200);
    assertThat(upstream.applied(key)).isEqualTo(1);
  }

  @Test
  void commitThenResetSendsNotASingleByte() throws Exception {
    String key = newKey();
    upstream.addFault(Map.of("mode", "COMMIT_THEN_RESET", "count", 1));

    byte[] received = rawPost(key, BODY);

    assertThat(new String(received, StandardCharsets.ISO_8859_1)).isEmpty();
    assertThat(upstream.applied(key)).isEqualTo(1);
  }

  @Test
  void statusUnavailableFailsLookupsOnly() throws Exception {
    String key = newKey();
    upstream.pay(key, BODY);
    upstream.addFault(Map.of("mode", "STATUS_UNAVAILABLE", "count", 1));

    HttpResponse<String> unavailable = upstream.get("/payments/" + key);
    HttpResponse<String> after = upstream.get("/payments/" + key);

    assertThat(unavailable.statusCode()).isEqualTo(503);
    assertThat(json(unavailable).get("type").asText()).endsWith("/unavailable");
    assertThat(after.statusCode()).isEqualTo(200);
  }

  @Test
  void pathLimitsARuleToMatchingRequests() throws Exception {
    String hit = newKey();
    String spared = newKey();
    upstream.addFault(Map.of("mode", "STATUS_UNAVAILABLE", "path", "/payments/" + hit));

    assertThat(upstream.get("/payments/" + spared).statusCode()).isEqualTo(404);
    assertThat(upstream.get("/payments/" + hit).statusCode()).isEqualTo(503);
  }

  @Test
  void latencyDelaysButApplies() throws Exception {
    String key = newKey();
    upstream.addFault(Map.of("mode", "LATENCY", "count", 1, "latencyMs", 300));
    long start = System.nanoTime();

    HttpResponse<String> response = upstream.pay(key, BODY);

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(upstream.applied(key)).isEqualTo(1);
  }

  @Test
  void countsAreConsumedInRuleOrderAndSpentRulesDisappear() throws Exception {
    upstream.addFault(Map.of("mode", "NONE", "count", 1));
    upstream.addFault(Map.of("mode", "FAIL_BEFORE_COMMIT", "count", 2));

    assertThat(upstream.pay(newKey(), BODY).statusCode()).isEqualTo(201);
    assertThat(upstream.pay(newKey(), BODY).statusCode()).isEqualTo(503);
    assertThat(upstream.pay(newKey(), BODY).statusCode()).isEqualTo(503);
    assertThat(upstream.pay(newKey(), BODY).statusCode()).isEqualTo(201);
    assertThat(json(upstream.get("/admin/faults"))).isEmpty();
  }

  @Test
  void deleteClearsUnlimitedRules() throws Exception {
    upstream.addFault(Map.of("mode", "FAIL_BEFORE_COMMIT"));
    assertThat(upstream.pay(newKey(), BODY).statusCode()).isEqualTo(503);
    assertThat(upstream.pay(newKey(), BODY).statusCode()).isEqualTo(503);
    assertThat(json(upstream.get("/admin/faults")).get(0).get("fired").asInt()).isEqualTo(2);

    assertThat(upstream.delete("/admin/faults").statusCode()).isEqualTo(204);

    assertThat(json(upstream.get("/admin/faults"))).isEmpty();
    assertThat(upstream.pay(newKey(), BODY).statusCode()).isEqualTo(201);
  }

  /** A bare HTTP/1.1 exchange, to see exactly which bytes (if any) come back. */
  private byte[] rawPost(String key, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST /payments HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Idempotency-Key: "
            + key
            + "\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      try {
        in.transferTo(received);
      } catch (SocketException reset) {
        // A reset is as good as EOF here: what matters is what arrived before it.
      }
      return received.toByteArray();
    }
  }

  private static void sleepUntil(long startNanos, long millis) throws InterruptedException {
    long remaining = millis - Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    if (remaining > 0) {
      Thread.sleep(remaining);
    }
  }
}
