package dev.settle.gateway.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.settle.gateway.GatewaySliceProperties;
import dev.settle.gateway.auth.ApiKeyAuthenticator;
import dev.settle.gateway.idempotency.KeyRetention;
import dev.settle.gateway.operation.OperationIntake;
import dev.settle.gateway.operation.OperationReader;
import dev.settle.gateway.operation.OperationResponses;
import dev.settle.gateway.operation.OperationSubmissions;
import dev.settle.gateway.problem.ApiException;
import dev.settle.gateway.problem.StrictJsonConfig;
import dev.settle.gateway.reconciliation.EvidenceDispatcher.Delivery;
import dev.settle.gateway.reconciliation.EvidenceDispatcher.Outcome;
import dev.settle.workflows.payment.Evidence;
import io.temporal.client.WorkflowClient;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Webhook signatures and statement import, as the upstream and an operator meet them. */
@WebMvcTest
@ActiveProfiles("dev")
@Import({
  ApiKeyAuthenticator.class,
  OperationResponses.class,
  OperationIntake.class,
  StrictJsonConfig.class,
  WebhookSignature.class,
  GatewaySliceProperties.class
})
class EvidenceApiTest {
  static final String SECRET = "dev-webhook-secret";
  static final String PROBLEM = "application/problem+json";
  static final String WEBHOOK =
      "{\"id\":\"evt_1\",\"type\":\"payment.settled\",\"idempotencyKey\":\"demo/order-1\",\"paymentId\":\"pay_1\","
          + "\"amount\":\"12.50\",\"currency\":\"EUR\",\"status\":\"SETTLED\",\"settledAt\":\"2026-11-27T10:00:00Z\"}";
  static final String OPERATOR = "Bearer dev-operator-key";

  @Autowired MockMvc mvc;
  @MockitoBean dev.settle.gateway.reconciliation.DiscrepancyCases discrepancies;
  @MockitoBean EvidenceDispatcher dispatcher;
  @MockitoBean OperationSubmissions submissions;
  @MockitoBean OperationReader reader;
  @MockitoBean WorkflowClient workflowClient;
  @MockitoBean KeyRetention retention;

  @BeforeEach
  void matchEverything() {
    when(dispatcher.deliver(anyString(), any()))
        .thenAnswer(
            call -> new Delivery(Outcome.MATCHED, call.getArgument(0), "UNKNOWN", null, null));
    when(dispatcher.deliver(anyString(), any(), any()))
        .thenAnswer(
            call -> new Delivery(Outcome.MATCHED, call.getArgument(0), "UNKNOWN", null, null));
  }

  ResultActions webhook(String signature, String body) throws Exception {
    var request =
        post("/v1/webhooks/upstream").contentType(MediaType.APPLICATION_JSON).content(body);
    return mvc.perform(signature == null ? request : request.header("Settle-Signature", signature));
  }

  static String signed(String secret, long at, String body) {
    return WebhookSignature.header(secret, at, body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A second earlier on every call: the gateway remembers accepted signatures across this class's
   * tests, so two tests sending the same body must not sign it with the same timestamp. Stays far
   * inside the 5 min tolerance for the few dozen calls here.
   */
  private static final AtomicLong CLOCK = new AtomicLong(Instant.now().getEpochSecond());

  static long now() {
    return CLOCK.getAndDecrement();
  }

  @Test
  void aValidWebhookBecomesEvidenceForTheOperationItNames() throws Exception {
    webhook(signed(SECRET, now(), WEBHOOK), WEBHOOK)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.matched").value(true))
        .andExpect(jsonPath("$.outcome").value("MATCHED"))
        .andExpect(jsonPath("$.operationId").value("demo/order-1"))
        .andExpect(jsonPath("$.duplicate").value(false));

    ArgumentCaptor<Evidence> evidence = ArgumentCaptor.forClass(Evidence.class);
    // Webhooks are held while their payment is still being decided, by the configured window.
    verify(dispatcher).deliver(eq("demo/order-1"), evidence.capture(), eq(Duration.ofSeconds(10)));
    assertThat(evidence.getValue())
        .isEqualTo(
            new Evidence(
                Evidence.Source.WEBHOOK,
                "pay_1",
                new BigDecimal("12.50"),
                "EUR",
                "SETTLED",
                Instant.parse("2026-11-27T10:00:00Z"),
                "event evt_1",
                "demo/order-1"));
  }

  @Test
  void anUnsignedWebhookIsUnauthorizedAndChangesNothing() throws Exception {
    webhook(null, WEBHOOK)
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(
            jsonPath("$.type").value("https://settle.dev/problems/webhook-signature-invalid"))
        .andExpect(
            org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
                .string("WWW-Authenticate", "Settle-Signature realm=\"settle\""));
    // A client's API key is no substitute for the signature.
    mvc.perform(
            post("/v1/webhooks/upstream")
                .header("Authorization", "Bearer dev-key-demo")
                .contentType(MediaType.APPLICATION_JSON)
                .content(WEBHOOK))
        .andExpect(status().isUnauthorized());
    verify(dispatcher, never()).deliver(anyString(), any(), any());
  }

  @Test
  void aBadSignatureIsUnauthorized() throws Exception {
    webhook(signed("not-the-secret", now(), WEBHOOK), WEBHOOK).andExpect(status().isUnauthorized());
    // Signed, then tampered with: the amount changed on the way.
    webhook(signed(SECRET, now(), WEBHOOK), WEBHOOK.replace("12.50", "1250.00"))
        .andExpect(status().isUnauthorized());
    // The timestamp is signed: moving it breaks the signature.
    long at = now();
    String moved = signed(SECRET, at, WEBHOOK).replaceFirst("t=\\d+", "t=" + (at + 1));
    webhook(moved, WEBHOOK).andExpect(status().isUnauthorized());
    webhook("t=abc,v1=zz", WEBHOOK).andExpect(status().isUnauthorized());
    webhook("v1=00", WEBHOOK).andExpect(status().isUnauthorized());
    verify(dispatcher, never()).deliver(anyString(), any(), any());
  }

  @Test
  void aStaleOrFutureTimestampIsUnauthorizedEvenWhenCorrectlySigned() throws Exception {
    long sixMinutes = 6 * 60;
    webhook(signed(SECRET, now() - sixMinutes, WEBHOOK), WEBHOOK)
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("tolerance")));
    webhook(signed(SECRET, now() + sixMinutes, WEBHOOK), WEBHOOK)
        .andExpect(status().isUnauthorized());
    webhook(signed(SECRET, now() - 60, WEBHOOK), WEBHOOK).andExpect(status().isOk());
    verify(dispatcher, times(1)).deliver(anyString(), any(), any());
  }

  @Test
  void aReplayedWebhookIsADuplicateAndSignalsNothingAgain() throws Exception {
    // Its own event id: the gateway remembers accepted signatures across this class's tests, and
    // another test may have sent the shared body within the same second.
    String body = WEBHOOK.replace("evt_1", "evt_replayed");
    String signature = signed(SECRET, now(), body);
    webhook(signature, body)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.duplicate").value(false));
    webhook(signature, body)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.duplicate").value(true))
        .andExpect(jsonPath("$.operationId").value("demo/order-1"));
    verify(dispatcher, times(1)).deliver(anyString(), any(), any());
  }

  @Test
  void aSignedWebhookThatIsNotASettlementIsBadRequest() throws Exception {
    for (String body :
        List.of(
            WEBHOOK.replace("\"12.50\"", "12.50"),
            WEBHOOK.replace("\"idempotencyKey\":\"demo/order-1\",", ""),
            WEBHOOK.replace("\"EUR\"", "\"euro\""),
            "not json")) {
      webhook(signed(SECRET, now(), body), body)
          .andExpect(status().isBadRequest())
          .andExpect(content().contentTypeCompatibleWith(PROBLEM))
          .andExpect(jsonPath("$.type").value("https://settle.dev/problems/malformed-request"));
    }
    verify(dispatcher, never()).deliver(anyString(), any(), any());
  }

  @Test
  void aWebhookWithFieldsSettleDoesNotKnowIsStillASettlement() throws Exception {
    String body = WEBHOOK.replace("{\"id\"", "{\"livemode\":false,\"id\"");
    webhook(signed(SECRET, now(), body), body)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.matched").value(true));
    verify(dispatcher).deliver(eq("demo/order-1"), any(), any());
  }

  @Test
  void aHeldWebhookIs503WithRetryAfterAndTheSameWebhookGoesInWhenSentAgain() throws Exception {
    when(dispatcher.deliver(anyString(), any(), any()))
        .thenThrow(ApiException.evidenceHeld("demo/order-1"))
        .thenReturn(new Delivery(Outcome.MATCHED, "demo/order-1", "UNKNOWN", null, null));
    String signature = signed(SECRET, now(), WEBHOOK);

    webhook(signature, WEBHOOK)
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "1"))
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
        .andExpect(jsonPath("$.type").value("https://settle.dev/problems/evidence-held"));
    // Not remembered as received: the upstream's retry with the same signature is delivered.
    webhook(signature, WEBHOOK)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.outcome").value("MATCHED"))
        .andExpect(jsonPath("$.duplicate").value(false));
  }

  @Test
  void aWebhookForNoKnownOperationIsAnsweredNotFailed() throws Exception {
    when(dispatcher.deliver(anyString(), any(), any()))
        .thenReturn(new Delivery(Outcome.UNMATCHED, null, null, "no operation has this key", null));

    webhook(signed(SECRET, now(), WEBHOOK), WEBHOOK)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.matched").value(false))
        .andExpect(jsonPath("$.outcome").value("UNMATCHED"));
  }

  // --- statements ---------------------------------------------------------------------------

  static final String STATEMENT =
      StatementCsv.HEADER
          + "\r\n"
          + "demo/order-1,pay_1,12.50,EUR,SETTLED,2026-11-27T10:00:00Z\r\n"
          + "\"demo/a,\"\"quoted\"\" key\",pay_2,7,EUR,SETTLED,2026-11-27T10:01:00.123Z\r\n"
          + "demo/closed,pay_3,1.00,EUR,SETTLED,2026-11-27T10:02:00Z\r\n"
          + "stranger,pay_4,2.00,EUR,SETTLED,2026-11-27T10:03:00Z\r\n";

  ResultActions statement(String authorization, String csv) throws Exception {
    var request = post("/v1/reconciliation/statements").contentType("text/csv").content(csv);
    return mvc.perform(
        authorization == null ? request : request.header("Authorization", authorization));
  }

  @Test
  void everyStatementLineIsDeliveredAndReported() throws Exception {
    when(dispatcher.deliver(eq("demo/closed"), any()))
        .thenReturn(
            new Delivery(
                Outcome.ALREADY_FINAL,
                "demo/closed",
                "FAILED",
                null,
                "the operation FAILED but the upstream settled pay_3"));
    when(dispatcher.deliver(eq("stranger"), any()))
        .thenReturn(
            new Delivery(Outcome.UNMATCHED, null, null, "not a key Settle sends upstream", null));

    statement(OPERATOR, STATEMENT)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.importedBy").value("ops"))
        .andExpect(jsonPath("$.lines").value(4))
        .andExpect(jsonPath("$.matched").value(2))
        .andExpect(jsonPath("$.unmatched").value(1))
        .andExpect(jsonPath("$.alreadyFinal").value(1))
        .andExpect(jsonPath("$.discrepancies").value(1))
        .andExpect(jsonPath("$.results[1].line").value(3))
        .andExpect(jsonPath("$.results[1].idempotencyKey").value("demo/a,\"quoted\" key"))
        .andExpect(jsonPath("$.results[2].outcome").value("ALREADY_FINAL"))
        .andExpect(jsonPath("$.results[2].status").value("FAILED"));

    ArgumentCaptor<Evidence> evidence = ArgumentCaptor.forClass(Evidence.class);
    verify(dispatcher).deliver(eq("demo/order-1"), evidence.capture());
    assertThat(evidence.getValue().source()).isEqualTo(Evidence.Source.STATEMENT);
    assertThat(evidence.getValue().amount()).isEqualByComparingTo("12.50");
    assertThat(evidence.getValue().upstreamPaymentId()).isEqualTo("pay_1");
    assertThat(evidence.getValue().reference()).contains("line 2", "ops");
  }

  @Test
  void aStatementWithMalformedLinesIsRefusedWholeWithTheirNumbers() throws Exception {
    String csv =
        StatementCsv.HEADER
            + "\n"
            + "demo/order-1,pay_1,12.50,EUR,SETTLED,2026-11-27T10:00:00Z\n"
            + "demo/order-2,pay_2,-3,EUR,SETTLED,2026-11-27T10:00:00Z\n"
            + "demo/order-3,pay_3,3.00,EUR,SETTLED\n"
            + "demo/order-4,pay_4,3.00,eur,SETTLED,yesterday\n"
            + "\"demo/order-5,pay_5,3.00,EUR,SETTLED,2026-11-27T10:00:00Z\n"
            + "demo/order-1,pay_1,12.50,EUR,SETTLED,2026-11-27T10:00:00Z\n";

    statement(OPERATOR, csv)
        .andExpect(status().isUnprocessableEntity())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(jsonPath("$.type").value("https://settle.dev/problems/statement-invalid"))
        .andExpect(jsonPath("$.lines").value(org.hamcrest.Matchers.contains(3, 4, 5, 6, 7)))
        .andExpect(
            jsonPath("$.errors[0]").value(org.hamcrest.Matchers.startsWith("line 3: amount")));
    statement(OPERATOR, "key,amount\nx,1\n")
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.lines").value(org.hamcrest.Matchers.contains(1)));
    verify(dispatcher, never()).deliver(anyString(), any());
  }

  @Test
  void onlyAnOperatorKeyImportsAStatement() throws Exception {
    statement(null, STATEMENT).andExpect(status().isUnauthorized());
    statement("Bearer not-a-key", STATEMENT)
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.type").value("https://settle.dev/problems/unauthenticated"));
    // A client's key is known, and not allowed here.
    statement("Bearer dev-key-demo", STATEMENT)
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.type").value("https://settle.dev/problems/forbidden"));
    // Nor does an operator key act as a client.
    mvc.perform(
            post("/v1/payments")
                .header("Authorization", OPERATOR)
                .header("Idempotency-Key", "k")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}"))
        .andExpect(status().isForbidden());
    verify(dispatcher, never()).deliver(anyString(), any());
  }

  @Test
  void aStatementMustBeCsv() throws Exception {
    mvc.perform(
            post("/v1/reconciliation/statements")
                .header("Authorization", OPERATOR)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}"))
        .andExpect(status().isUnsupportedMediaType());
    verify(dispatcher, never()).deliver(anyString(), any());
  }
}
