package dev.settle.gateway.payment;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.settle.gateway.GatewaySliceProperties;
import dev.settle.gateway.auth.ApiKeyAuthenticator;
import dev.settle.gateway.idempotency.KeyRetention;
import dev.settle.gateway.operation.OperationIntake;
import dev.settle.gateway.operation.OperationReader;
import dev.settle.gateway.operation.OperationResponses;
import dev.settle.gateway.operation.OperationSubmissions;
import dev.settle.gateway.problem.StrictJsonConfig;
import dev.settle.gateway.reconciliation.EvidenceDispatcher;
import dev.settle.gateway.reconciliation.WebhookSignature;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Input that a lenient parser would read one way and a client meant another is refused with 400
 * before anything starts: a duplicated member (which value is charged?), content after the value, a
 * fraction or a string where an integer goes, and query parameters out of range or empty.
 */
@WebMvcTest
@ActiveProfiles("dev")
@Import({
  ApiKeyAuthenticator.class,
  OperationResponses.class,
  OperationIntake.class,
  StrictJsonConfig.class,
  GatewaySliceProperties.class
})
class StrictInputApiTest {
  static final String PROBLEM = "application/problem+json";
  static final String ORDER =
      "{\"customerAccount\":\"alice\",\"merchantAccount\":\"shop\","
          + "\"items\":[{\"sku\":\"sku-1\",\"quantity\":QTY}],\"amount\":\"30.00\",\"currency\":\"EUR\"}";

  @Autowired MockMvc mvc;
  @MockitoBean dev.settle.gateway.reconciliation.DiscrepancyCases discrepancies;
  @MockitoBean OperationSubmissions submissions;
  @MockitoBean OperationReader reader;
  @MockitoBean WorkflowClient workflowClient;
  @MockitoBean KeyRetention retention;
  @MockitoBean EvidenceDispatcher evidence;
  @MockitoBean WebhookSignature webhookSignature;

  @BeforeEach
  void retention() {
    when(retention.retention()).thenReturn(Duration.ofDays(1));
  }

  ResultActions postJson(String path, String body) throws Exception {
    return mvc.perform(
        post(path)
            .header("Authorization", "Bearer dev-key-demo")
            .header("Idempotency-Key", "strict-1")
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }

  static void malformed(ResultActions answer) throws Exception {
    answer
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(jsonPath("$.type").value("https://settle.dev/problems/malformed-request"));
  }

  @Test
  void aDuplicatedMemberIsRefusedNotChargedWithTheLastValue() throws Exception {
    malformed(
        postJson(
            "/v1/payments", PaymentApiTest.BODY.replace("{", "{\"debitAccount\":\"mallory\",")));
    verify(submissions, never()).submit(any(), any());
  }

  @Test
  void contentAfterTheBodyIsRefused() throws Exception {
    for (String trailing : List.of("{}", " x", "\"more\"", "]", " 1")) {
      malformed(postJson("/v1/payments", PaymentApiTest.BODY + trailing));
    }
    verify(submissions, never()).submit(any(), any());
  }

  @Test
  void aQuantityMustBeAJsonInteger() throws Exception {
    for (String quantity : List.of("1.5", "2.0", "\"2\"", "true", "null", "1e0")) {
      malformed(postJson("/v1/orders", ORDER.replace("QTY", quantity)));
    }
    verify(submissions, never()).submit(any(), any());
  }

  @Test
  void listLimitsOutOfRangeOrEmptyAreBadRequests() throws Exception {
    for (String limit : List.of("0", "-1", "1001", "", "abc", "1.5")) {
      mvc.perform(
              get("/v1/operations?status=UNKNOWN&limit=" + limit)
                  .header("Authorization", "Bearer dev-key-demo"))
          .andExpect(status().isBadRequest())
          .andExpect(content().contentTypeCompatibleWith(PROBLEM));
    }
    verifyNoInteractions(workflowClient);
  }

  @Test
  void aListWithoutOrWithAnUnknownStatusIsABadRequest() throws Exception {
    for (String status : List.of("", "BOGUS")) {
      mvc.perform(
              get("/v1/operations?status=" + status).header("Authorization", "Bearer dev-key-demo"))
          .andExpect(status().isBadRequest())
          .andExpect(content().contentTypeCompatibleWith(PROBLEM));
    }
    mvc.perform(get("/v1/operations").header("Authorization", "Bearer dev-key-demo"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM));
    verifyNoInteractions(workflowClient);
  }
}
