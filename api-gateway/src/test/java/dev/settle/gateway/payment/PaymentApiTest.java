package dev.settle.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.settle.gateway.GatewaySliceProperties;
import dev.settle.gateway.auth.ApiKeyAuthenticator;
import dev.settle.gateway.idempotency.IdempotencyKey;
import dev.settle.gateway.idempotency.KeyRetention;
import dev.settle.gateway.operation.OperationIntake;
import dev.settle.gateway.operation.OperationReader;
import dev.settle.gateway.operation.OperationResponses;
import dev.settle.gateway.operation.OperationSubmissions;
import dev.settle.gateway.operation.OperationSubmissions.Intent;
import dev.settle.gateway.operation.OperationSubmissions.Submission;
import dev.settle.gateway.problem.ApiException;
import dev.settle.gateway.problem.StrictJsonConfig;
import dev.settle.workflows.discrepancy.DiscrepancyCase;
import dev.settle.workflows.discrepancy.DiscrepancyReport;
import dev.settle.workflows.operation.OperationStatus;
import dev.settle.workflows.payment.PaymentState;
import io.temporal.client.WorkflowClient;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The HTTP contract of payments and operations: status codes, headers, problem details. */
@WebMvcTest
@ActiveProfiles("dev")
@Import({
  ApiKeyAuthenticator.class,
  OperationResponses.class,
  OperationIntake.class,
  StrictJsonConfig.class,
  GatewaySliceProperties.class
})
public class PaymentApiTest {
  static final String BODY =
      "{\"debitAccount\":\"alice\",\"creditAccount\":\"bob\",\"amount\":\"12.50\",\"currency\":\"EUR\"}";
  static final String PROBLEM = "application/problem+json";

  @Autowired MockMvc mvc;
  @MockitoBean dev.settle.gateway.reconciliation.DiscrepancyCases discrepancies;
  @MockitoBean OperationSubmissions submissions;
  @MockitoBean OperationReader reader;
  @MockitoBean WorkflowClient workflowClient;
  @MockitoBean KeyRetention retention;
  @MockitoBean dev.settle.gateway.reconciliation.EvidenceDispatcher evidence;
  @MockitoBean dev.settle.gateway.reconciliation.WebhookSignature webhookSignature;

  @org.junit.jupiter.api.BeforeEach
  void retention() {
    when(retention.retention()).thenReturn(java.time.Duration.ofDays(1));
  }

  MockHttpServletRequestBuilder pay(String key, String body) {
    MockHttpServletRequestBuilder request =
        post("/v1/payments")
            .header("Authorization", "Bearer dev-key-demo")
            .contentType(MediaType.APPLICATION_JSON)
            .content(body);
    return key == null ? request : request.header("Idempotency-Key", key);
  }

  @Test
  void decidedInTimeIsCreated() throws Exception {
    when(submissions.submit(any(), any()))
        .thenReturn(new Submission(state(OperationStatus.CONFIRMED), false));

    mvc.perform(pay("order-1", BODY))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/v1/operations/order-1"))
        .andExpect(header().doesNotExist("Retry-After"))
        .andExpect(header().string("Idempotency-Key-Retention", "86400"))
        .andExpect(jsonPath("$.operationId").value("order-1"))
        .andExpect(jsonPath("$.status").value("CONFIRMED"))
        .andExpect(jsonPath("$.amount").value("12.50"));

    ArgumentCaptor<Intent> intent = ArgumentCaptor.forClass(Intent.class);
    verify(submissions).submit(intent.capture(), any());
    assertThat(intent.getValue().clientId()).isEqualTo("demo");
    assertThat(intent.getValue().workflowId()).isEqualTo("demo/order-1");
    assertThat(intent.getValue().fingerprint())
        .isEqualTo(new PaymentBody("alice", "bob", "12.5", "EUR", null).fingerprint());
  }

  @Test
  void undecidedIsAcceptedWithStatusUrlAndRetryAfter() throws Exception {
    when(submissions.submit(any(), any()))
        .thenReturn(new Submission(state(OperationStatus.UNKNOWN), false));

    mvc.perform(pay("order-1", BODY))
        .andExpect(status().isAccepted())
        .andExpect(header().string("Location", "/v1/operations/order-1"))
        .andExpect(header().string("Retry-After", "1"))
        .andExpect(jsonPath("$.status").value("UNKNOWN"));
  }

  @Test
  void replayIsMarked() throws Exception {
    when(submissions.submit(any(), any()))
        .thenReturn(new Submission(state(OperationStatus.CONFIRMED), true));

    mvc.perform(pay("order-1", BODY))
        .andExpect(status().isCreated())
        .andExpect(header().string("Idempotent-Replayed", "true"));
  }

  @Test
  void quotedAndBareKeysAreTheSameKey() throws Exception {
    when(submissions.submit(any(), any()))
        .thenReturn(new Submission(state(OperationStatus.CONFIRMED), false));

    mvc.perform(pay("\"order-1\"", BODY)).andExpect(status().isCreated());

    ArgumentCaptor<Intent> intent = ArgumentCaptor.forClass(Intent.class);
    verify(submissions).submit(intent.capture(), any());
    assertThat(intent.getValue().idempotencyKey()).isEqualTo("order-1");
  }

  @Test
  void sameKeyOtherPayloadIsUnprocessable() throws Exception {
    when(submissions.submit(any(), any())).thenThrow(ApiException.keyReused("order-1"));

    mvc.perform(pay("order-1", BODY))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(jsonPath("$.type").value("https://settle.dev/problems/idempotency-key-reused"))
        .andExpect(jsonPath("$.operationKey").value("order-1"));
  }

  @Test
  void missingApiKeyIsUnauthorizedWithChallenge() throws Exception {
    mvc.perform(
            post("/v1/payments")
                .header("Idempotency-Key", "k")
                .contentType(MediaType.APPLICATION_JSON)
                .content(BODY))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"settle\""))
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(jsonPath("$.type").value("https://settle.dev/problems/unauthenticated"));
    verify(submissions, never()).submit(any(), any());
  }

  @Test
  void wrongApiKeyIsUnauthorized() throws Exception {
    mvc.perform(
            post("/v1/payments")
                .header("Authorization", "Bearer dev-key-wrong")
                .header("Idempotency-Key", "k")
                .contentType(MediaType.APPLICATION_JSON)
                .content(BODY))
        .andExpect(status().isUnauthorized());
    verify(submissions, never()).submit(any(), any());
  }

  @Test
  void missingIdempotencyKeyIsBadRequest() throws Exception {
    mvc.perform(pay(null, BODY))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(jsonPath("$.type").value("https://settle.dev/problems/idempotency-key-missing"));
    verify(submissions, never()).submit(any(), any());
  }

  @Test
  void malformedIdempotencyKeysAreBadRequests() throws Exception {
    for (String key :
        List.of(
            "x".repeat(IdempotencyKey.MAX_LENGTH + 1), "caf\u00e9", "\"unterminated\\\"", "   ")) {
      mvc.perform(pay(key, BODY))
          .andExpect(status().isBadRequest())
          .andExpect(
              jsonPath("$.type").value("https://settle.dev/problems/idempotency-key-invalid"));
    }
    verify(submissions, never()).submit(any(), any());
  }

  @Test
  void callbackUrlMustBeHttpsOrHttpToLoopbackInDev() throws Exception {
    for (String url :
        List.of(
            "http://client.example/hook",
            "ftp://client.example/hook",
            "/relative",
            "https://user:pw@client.example/",
            "https://client.example/hook#frag",
            "http://10.0.0.1/hook",
            "http://localhost.evil.example/",
            "")) {
      mvc.perform(pay("k", BODY.replace("}", ",\"callbackUrl\":\"" + url + "\"}")))
          .andExpect(status().isBadRequest())
          .andExpect(content().contentTypeCompatibleWith(PROBLEM))
          .andExpect(jsonPath("$.type").value("https://settle.dev/problems/invalid-request"))
          .andExpect(
              jsonPath("$.errors[0]").value(org.hamcrest.Matchers.startsWith("callbackUrl: ")));
    }
    verify(submissions, never()).submit(any(), any());
  }

  @Test
  void callbackUrlTravelsToTheWorkflowAndIsPartOfTheFingerprint() throws Exception {
    when(submissions.submit(any(), any()))
        .thenReturn(new Submission(state(OperationStatus.CONFIRMED), false));

    mvc.perform(pay("k", BODY.replace("}", ",\"callbackUrl\":\"https://client.example/hook\"}")))
        .andExpect(status().isCreated());
    mvc.perform(pay("k2", BODY.replace("}", ",\"callbackUrl\":\"http://127.0.0.1:9/hook\"}")))
        .andExpect(status().isCreated());

    ArgumentCaptor<Intent> intent = ArgumentCaptor.forClass(Intent.class);
    verify(submissions, org.mockito.Mockito.times(2)).submit(intent.capture(), any());
    String withCallback = intent.getAllValues().get(0).fingerprint();
    assertThat(withCallback)
        .isEqualTo(
            new PaymentBody("alice", "bob", "12.50", "EUR", "https://client.example/hook")
                .fingerprint())
        .isNotEqualTo(
            new PaymentBody("alice", "bob", "12.50", "EUR", "https://client.example/other")
                .fingerprint())
        .isNotEqualTo(new PaymentBody("alice", "bob", "12.50", "EUR", null).fingerprint());
    assertThat(
            new PaymentBody("alice", "bob", "12.50", "EUR", "https://client.example/hook")
                .toRequest("demo", "k", "r")
                .callbackUrl())
        .isEqualTo("https://client.example/hook");
  }

  @Test
  void invalidBodiesAreBadRequestsNamingEachField() throws Exception {
    mvc.perform(
            pay(
                "k",
                "{\"debitAccount\":\"alice\",\"creditAccount\":\"alice\",\"amount\":\"-1\",\"currency\":\"eur\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(jsonPath("$.type").value("https://settle.dev/problems/invalid-request"))
        .andExpect(jsonPath("$.errors.length()").value(3));
    mvc.perform(pay("k", "{}")).andExpect(status().isBadRequest());
    mvc.perform(
            pay(
                "k",
                "{\"debitAccount\":\"a\",\"creditAccount\":\"b\",\"amount\":\"1.00001\",\"currency\":\"EUR\"}"))
        .andExpect(status().isBadRequest());
    verify(submissions, never()).submit(any(), any());
  }

  @Test
  void amountsAreDecimalStringsWithinTheCurrencysDecimals() throws Exception {
    for (String body :
        List.of(
            "{\"debitAccount\":\"a\",\"creditAccount\":\"b\",\"amount\":12.5,\"currency\":\"EUR\"}",
            "{\"debitAccount\":\"a\",\"creditAccount\":\"b\",\"amount\":\"12.505\",\"currency\":\"EUR\"}",
            "{\"debitAccount\":\"a\",\"creditAccount\":\"b\",\"amount\":\"1.5\",\"currency\":\"JPY\"}",
            "{\"debitAccount\":\"a\",\"creditAccount\":\"b\",\"amount\":\"0.00\",\"currency\":\"EUR\"}",
            "{\"debitAccount\":\"a\",\"creditAccount\":\"b\",\"amount\":\"1e3\",\"currency\":\"EUR\"}",
            "{\"debitAccount\":\"a\",\"creditAccount\":\"b\",\"amount\":\"1.00\",\"currency\":\"XQZ\"}",
            "{\"debitAccount\":\"a\",\"creditAccount\":\"b\",\"amount\":\"1.00\",\"currency\":\"EUR\",\"memo\":\"x\"}")) {
      mvc.perform(pay("k", body))
          .andExpect(status().isBadRequest())
          .andExpect(content().contentTypeCompatibleWith(PROBLEM));
    }
    verify(submissions, never()).submit(any(), any());
  }

  @Test
  void wrongMediaTypeMethodAndSizeAreRefused() throws Exception {
    mvc.perform(pay("k", BODY).contentType(MediaType.TEXT_PLAIN))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(jsonPath("$.type").value("https://settle.dev/problems/unsupported-media-type"));
    mvc.perform(pay("k", BODY).contentType(MediaType.MULTIPART_FORM_DATA))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM));
    mvc.perform(get("/v1/payments").header("Authorization", "Bearer dev-key-demo"))
        .andExpect(status().isMethodNotAllowed())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(jsonPath("$.type").value("https://settle.dev/problems/method-not-allowed"));
    mvc.perform(pay("k", "{\"debitAccount\":\"" + "a".repeat(70_000) + "\"}"))
        .andExpect(status().isPayloadTooLarge())
        .andExpect(jsonPath("$.type").value("https://settle.dev/problems/body-too-large"));
    mvc.perform(pay("k", "[".repeat(100) + "]".repeat(100))).andExpect(status().isBadRequest());
    verify(submissions, never()).submit(any(), any());
  }

  @Test
  void strictClientsGetConflictWhileAnotherRequestIsInFlight() throws Exception {
    when(submissions.submit(any(), any()))
        .thenReturn(new Submission(state(OperationStatus.PENDING), true));

    mvc.perform(pay("order-1", BODY).header("Prefer", "respond-async, idempotency=strict"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value("https://settle.dev/problems/operation-in-progress"));
    mvc.perform(pay("order-1", BODY)).andExpect(status().isAccepted());
  }

  @Test
  void malformedJsonIsBadRequest() throws Exception {
    for (String body : List.of("{not json", "", "[]", "{\"amount\":\"twelve\"}")) {
      mvc.perform(pay("k", body))
          .andExpect(status().isBadRequest())
          .andExpect(content().contentTypeCompatibleWith(PROBLEM));
    }
    verify(submissions, never()).submit(any(), any());
  }

  @Test
  void anotherClientsKeyIsNotFound() throws Exception {
    when(reader.read("other/order-1")).thenReturn(Optional.empty());
    when(reader.read("demo/order-1")).thenReturn(Optional.of(state(OperationStatus.CONFIRMED)));

    mvc.perform(get("/v1/operations/order-1").header("Authorization", "Bearer dev-key-other"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("https://settle.dev/problems/operation-not-found"));
    mvc.perform(get("/v1/operations/order-1").header("Authorization", "Bearer dev-key-demo"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("CONFIRMED"));
  }

  @Test
  void aContradictedOutcomeShowsItsDiscrepancyCaseOnGetOnly() throws Exception {
    when(reader.read("demo/order-1")).thenReturn(Optional.of(state(OperationStatus.FAILED)));
    DiscrepancyReport report =
        new DiscrepancyReport(
            "webhook",
            "the operation FAILED but the upstream settled pay_9",
            "WEBHOOK evt_1: SETTLED pay_9 12.50 EUR",
            "WEBHOOK pay_9 12.5 EUR SETTLED",
            "FAILED",
            Instant.parse("2026-01-02T00:00:00Z"));
    caseOpenedAt("2026-01-02T00:00:00Z", report);

    mvc.perform(get("/v1/operations/order-1").header("Authorization", "Bearer dev-key-demo"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("FAILED"))
        .andExpect(jsonPath("$.discrepancy.open").value(true))
        .andExpect(jsonPath("$.discrepancy.reports").value(1))
        .andExpect(jsonPath("$.discrepancy.latest").value(report.discrepancy()));

    // A case opened before this operation was created is about an earlier run of the key.
    caseOpenedAt("2025-12-31T00:00:00Z", report);
    mvc.perform(get("/v1/operations/order-1").header("Authorization", "Bearer dev-key-demo"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.discrepancy").doesNotExist());
  }

  private void caseOpenedAt(String openedAt, DiscrepancyReport report) {
    when(discrepancies.find("demo/order-1"))
        .thenReturn(
            Optional.of(
                new DiscrepancyCase(
                    "demo/order-1", "demo", Instant.parse(openedAt), List.of(report), 1, null)));
  }

  @Test
  void keysWithSlashesCanBeRead() throws Exception {
    when(reader.read("demo/a/b")).thenReturn(Optional.of(state(OperationStatus.PENDING)));

    mvc.perform(
            get(URI.create("/v1/operations/a%2Fb")).header("Authorization", "Bearer dev-key-demo"))
        .andExpect(status().isOk())
        .andExpect(header().string("Retry-After", "1"));
  }

  public static PaymentState state(OperationStatus status) {
    return new PaymentState(
        "demo/order-1",
        "demo",
        "order-1",
        status,
        "fp",
        "alice",
        "bob",
        new BigDecimal("12.50"),
        "EUR",
        status == OperationStatus.CONFIRMED ? "pay_1" : null,
        null,
        null,
        Instant.parse("2026-01-01T00:00:00Z"),
        null,
        null,
        null,
        1,
        status == OperationStatus.CONFIRMED,
        null,
        List.of(),
        "req-0",
        null);
  }
}
