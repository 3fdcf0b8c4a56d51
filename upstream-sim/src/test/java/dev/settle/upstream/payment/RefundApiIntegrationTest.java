package dev.settle.upstream.payment;

import static dev.settle.upstream.testsupport.UpstreamClient.encode;
import static dev.settle.upstream.testsupport.UpstreamClient.json;
import static dev.settle.upstream.testsupport.UpstreamClient.payment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.settle.upstream.testsupport.Concurrently;
import dev.settle.upstream.testsupport.PostgresBackedTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RefundApiIntegrationTest extends PostgresBackedTest {

  private static final String BODY = payment("acc-1", "acc-2", "12.50", "EUR");

  private static String newKey() {
    return "demo/order-" + UUID.randomUUID();
  }

  private HttpResponse<String> refund(String key) throws Exception {
    return upstream.post("/payments/" + encode(key) + "/refund");
  }

  @Test
  void lookupShowsWhetherAChargeWasRefunded() throws Exception {
    String key = newKey();
    JsonNode charged = json(upstream.pay(key, BODY));
    assertThat(charged.get("refunded").asBoolean()).isFalse();

    HttpResponse<String> first = refund(key);
    HttpResponse<String> again = refund(key);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
    JsonNode refunded = json(first);
    assertThat(refunded.get("paymentId").asText()).isEqualTo(charged.get("paymentId").asText());
    assertThat(refunded.get("refunded").asBoolean()).isTrue();
    assertThat(refunded.get("refundedAt").asText()).isNotBlank();
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(json(again)).isEqualTo(refunded);
    assertThat(json(upstream.get("/payments/" + encode(key)))).isEqualTo(refunded);
    assertThat(upstream.applied(key, "payment.refund")).isEqualTo(1);
    assertThat(upstream.applied(key, "payment.charge")).isEqualTo(1);
  }

  @Test
  void concurrentRefundsApplyExactlyOnce() throws Exception {
    String key = newKey();
    upstream.pay(key, BODY);

    List<HttpResponse<String>> responses = Concurrently.send(6, () -> refund(key));

    assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200);
    assertThat(responses)
        .filteredOn(r -> r.headers().firstValue("Idempotent-Replayed").isEmpty())
        .hasSize(1);
    assertThat(upstream.applied(key, "payment.refund")).isEqualTo(1);
  }

  @Test
  void refundWithoutAChargeIs404AndRecordsNothing() throws Exception {
    String key = newKey();

    HttpResponse<String> missing = refund(key);

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).get("type").asText())
        .isEqualTo("https://settle.dev/problems/upstream/payment-not-found");
    assertThat(upstream.applied(key, "payment.refund")).isZero();
    assertThat(upstream.pay(key, BODY).statusCode())
        .as("a refund that found nothing leaves the key free for its charge")
        .isEqualTo(201);
  }

  @Test
  void chargeRepeatedAfterItsRefundReplaysWithoutChargingAgain() throws Exception {
    String key = newKey();
    upstream.pay(key, BODY);
    refund(key);

    HttpResponse<String> repeat = upstream.pay(key, BODY);

    assertThat(repeat.statusCode()).isEqualTo(200);
    assertThat(json(repeat).get("refunded").asBoolean()).isTrue();
    assertThat(upstream.applied(key, "payment.charge")).isEqualTo(1);
  }
}
