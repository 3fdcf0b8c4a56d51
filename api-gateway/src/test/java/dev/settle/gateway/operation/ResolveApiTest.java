package dev.settle.gateway.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.settle.gateway.GatewaySliceProperties;
import dev.settle.gateway.auth.ApiKeyAuthenticator;
import dev.settle.gateway.idempotency.KeyRetention;
import dev.settle.gateway.payment.PaymentApiTest;
import dev.settle.gateway.problem.StrictJsonConfig;
import dev.settle.gateway.reconciliation.EvidenceDispatcher;
import dev.settle.gateway.reconciliation.WebhookSignature;
import dev.settle.workflows.operation.OperationStatus;
import dev.settle.workflows.operation.Resolution;
import dev.settle.workflows.operation.SettleNames;
import dev.settle.workflows.payment.PaymentState;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.Optional;
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

/** Who may decide an operation in MANUAL_REVIEW, and who is recorded as having decided. */
@WebMvcTest
@ActiveProfiles("dev")
@Import({
  ApiKeyAuthenticator.class,
  OperationResponses.class,
  OperationIntake.class,
  StrictJsonConfig.class,
  GatewaySliceProperties.class
})
class ResolveApiTest {
  static final String PROBLEM = "application/problem+json";
  static final String OPERATOR = "Bearer dev-operator-key";
  static final String CLIENT = "Bearer dev-key-demo";
  static final String VERDICT = "{\"status\":\"FAILED\",\"note\":\"never arrived\"}";

  @Autowired MockMvc mvc;
  @MockitoBean dev.settle.gateway.reconciliation.DiscrepancyCases discrepancies;
  @MockitoBean OperationSubmissions submissions;
  @MockitoBean OperationReader reader;
  @MockitoBean WorkflowClient workflowClient;
  @MockitoBean KeyRetention retention;
  @MockitoBean EvidenceDispatcher evidence;
  @MockitoBean WebhookSignature webhookSignature;
  final WorkflowStub stub = mock(WorkflowStub.class);

  @BeforeEach
  void anOperationWaitingForAnOperator() {
    when(retention.retention()).thenReturn(Duration.ofDays(1));
    when(reader.read("demo/order-1")).thenReturn(Optional.of(state(OperationStatus.MANUAL_REVIEW)));
    when(workflowClient.newUntypedWorkflowStub("demo/order-1")).thenReturn(stub);
  }

  ResultActions resolve(String authorization, String query, String body) throws Exception {
    var request =
        post("/v1/operations/order-1/resolve" + query)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body);
    return mvc.perform(
        authorization == null ? request : request.header("Authorization", authorization));
  }

  @Test
  void theOperatorRecordedIsTheHolderOfTheOperatorKey() throws Exception {
    resolve(OPERATOR, "?client=demo", VERDICT).andExpect(status().isAccepted());

    ArgumentCaptor<Resolution> verdict = ArgumentCaptor.forClass(Resolution.class);
    verify(stub).signal(eq(SettleNames.RESOLVE_SIGNAL), verdict.capture());
    assertThat(verdict.getValue())
        .isEqualTo(new Resolution(OperationStatus.FAILED, "ops", "never arrived", null));
  }

  @Test
  void aClientsKeyMayNotDecideItsOwnOperation() throws Exception {
    resolve(CLIENT, "?client=demo", VERDICT)
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(jsonPath("$.type").value("https://settle.dev/problems/forbidden"));
    resolve(CLIENT, "", VERDICT).andExpect(status().isForbidden());
    resolve(null, "?client=demo", VERDICT).andExpect(status().isUnauthorized());
    resolve("Bearer nobody", "?client=demo", VERDICT).andExpect(status().isUnauthorized());
    verify(stub, never()).signal(anyString(), any());
  }

  @Test
  void aVerdictNamingSomeoneElseIsRefused() throws Exception {
    resolve(OPERATOR, "?client=demo", "{\"status\":\"CONFIRMED\",\"operator\":\"alice\"}")
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(jsonPath("$.type").value("https://settle.dev/problems/operator-mismatch"));
    // Naming oneself is allowed, for scripts written before the operator came from the key.
    resolve(OPERATOR, "?client=demo", "{\"status\":\"CONFIRMED\",\"operator\":\"ops\"}")
        .andExpect(status().isAccepted());
    verify(stub).signal(eq(SettleNames.RESOLVE_SIGNAL), any(Resolution.class));
  }

  @Test
  void theOperatorNamesTheClientWhoseOperationItIs() throws Exception {
    resolve(OPERATOR, "", VERDICT)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("https://settle.dev/problems/invalid-parameter"));
    resolve(OPERATOR, "?client=de/mo", VERDICT)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("https://settle.dev/problems/invalid-parameter"));
    resolve(OPERATOR, "?client=other", VERDICT)
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("https://settle.dev/problems/operation-not-found"));
    verify(stub, never()).signal(anyString(), any());
  }

  @Test
  void anOperatorsKeyDoesNotActAsAClient() throws Exception {
    mvc.perform(
            post("/v1/payments")
                .header("Authorization", OPERATOR)
                .header("Idempotency-Key", "k")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.type").value("https://settle.dev/problems/forbidden"));
  }

  static PaymentState state(OperationStatus status) {
    return PaymentApiTest.state(status);
  }
}
