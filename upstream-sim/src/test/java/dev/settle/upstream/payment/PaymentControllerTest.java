package dev.settle.upstream.payment;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.settle.upstream.fault.FaultInjector;
import dev.settle.upstream.problem.ProblemType;
import dev.settle.upstream.problem.UpstreamProblemException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@WebMvcTest(PaymentController.class)
class PaymentControllerTest {

  private static final String PROBLEMS = "https://settle.dev/problems/upstream/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VALID =
      """
      {"debitAccount":"acc-1","creditAccount":"acc-2","amount":12.50,"currency":"EUR"}""";
  private static final Payment STORED =
      new Payment(
          "k1",
          "pay_1",
          "fp",
          "acc-1",
          "acc-2",
          new BigDecimal("12.50"),
          "EUR",
          Instant.parse("2025-01-02T03:04:05Z"));

  @Autowired MockMvc mvc;
  @MockitoBean PaymentService payments;
  @MockitoBean FaultInjector faults;
  @MockitoBean dev.settle.upstream.webhook.WebhookSender webhooks;

  private ResultActions postPayment(String key, String body) throws Exception {
    var request = post("/payments").contentType(MediaType.APPLICATION_JSON).content(body);
    return mvc.perform(key == null ? request : request.header(PaymentHeaders.IDEMPOTENCY_KEY, key));
  }

  @Test
  void firstApplyIs201WithThePaymentAndItsLocation() throws Exception {
    when(payments.apply(eq("k1"), any())).thenReturn(new PaymentService.Outcome(STORED, false));

    postPayment("k1", VALID)
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/payments/k1"))
        .andExpect(header().doesNotExist(PaymentHeaders.IDEMPOTENT_REPLAYED))
        .andExpect(jsonPath("$.key").value("k1"))
        .andExpect(jsonPath("$.paymentId").value("pay_1"))
        .andExpect(jsonPath("$.debitAccount").value("acc-1"))
        .andExpect(jsonPath("$.creditAccount").value("acc-2"))
        .andExpect(jsonPath("$.amount").value(12.50))
        .andExpect(jsonPath("$.currency").value("EUR"))
        .andExpect(jsonPath("$.createdAt").value("2025-01-02T03:04:05Z"))
        .andExpect(jsonPath("$.fingerprint").doesNotExist());
  }

  @Test
  void replayIs200WithTheReplayedHeader() throws Exception {
    when(payments.apply(eq("k1"), any())).thenReturn(new PaymentService.Outcome(STORED, true));

    postPayment("k1", VALID)
        .andExpect(status().isOk())
        .andExpect(header().string(PaymentHeaders.IDEMPOTENT_REPLAYED, "true"))
        .andExpect(jsonPath("$.paymentId").value("pay_1"));
  }

  @Test
  void onlyAFirstApplyIsReportedByWebhookAndOnlyAfterItCommitted() throws Exception {
    when(payments.apply(eq("k1"), any()))
        .thenReturn(new PaymentService.Outcome(STORED, false))
        .thenReturn(new PaymentService.Outcome(STORED, true));
    when(payments.apply(eq("k2"), any()))
        .thenThrow(
            new dev.settle.upstream.problem.UpstreamProblemException(
                dev.settle.upstream.problem.ProblemType.DECLINED, "blocked"));

    postPayment("k1", VALID).andExpect(status().isCreated());
    postPayment("k1", VALID).andExpect(status().isOk());
    postPayment("k2", VALID).andExpect(status().isForbidden());

    verify(webhooks, org.mockito.Mockito.times(1))
        .settled(
            new dev.settle.upstream.webhook.Settlement(
                "k1", "pay_1", STORED.amount(), "EUR", STORED.createdAt()));
    org.mockito.Mockito.verifyNoMoreInteractions(webhooks);
  }

  @Test
  void amountMayBeAStringAndKeepsItsScale() throws Exception {
    when(payments.apply(eq("k1"), any())).thenReturn(new PaymentService.Outcome(STORED, false));

    postPayment("k1", VALID.replace("12.50", "\"12.50\"")).andExpect(status().isCreated());

    verify(payments)
        .apply("k1", new PaymentRequest("acc-1", "acc-2", new BigDecimal("12.50"), "EUR"));
  }

  @Test
  void missingIdempotencyKeyIs400() throws Exception {
    postPayment(null, VALID)
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(PROBLEMS + "missing-idempotency-key"))
        .andExpect(jsonPath("$.status").value(400));
    verifyNoInteractions(payments, faults);
  }

  @Test
  void blankIdempotencyKeyIs400() throws Exception {
    postPayment("  ", VALID)
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    verifyNoInteractions(payments, faults);
  }

  static Stream<Arguments> invalidFields() {
    return Stream.of(
        arguments("debitAccount", without("debitAccount")),
        arguments("creditAccount", without("creditAccount")),
        arguments("amount", without("amount")),
        arguments("currency", without("currency")),
        arguments("amount", with("amount", 0)),
        arguments("amount", with("amount", -5)),
        arguments("amount", with("amount", new BigDecimal("1E+999999"))),
        arguments("amount", with("amount", new BigDecimal("0.0000001"))),
        arguments("currency", with("currency", "eur")),
        arguments("currency", with("currency", "EURO")),
        arguments("debitAccount", with("debitAccount", "a|b")),
        arguments("debitAccount", with("debitAccount", " ")));
  }

  @ParameterizedTest
  @MethodSource("invalidFields")
  void invalidFieldsAre400NamingTheField(String field, String body) throws Exception {
    postPayment("k1", body)
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(PROBLEMS + "invalid-request"))
        .andExpect(jsonPath("$.errors[*].field").value(hasItem(field)));
    verifyNoInteractions(payments, faults);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{not json",
        "[]",
        "{'debitAccount':'a','creditAccount':'b','amount':'lots','currency':'EUR'}",
        "{'debitAccount':'a','creditAccount':'b','amount':{},'currency':'EUR'}",
        "{'debitAccount':['a'],'creditAccount':'b','amount':1,'currency':'EUR'}",
        ""
      })
  void unreadableBodiesAre400NotA500(String body) throws Exception {
    postPayment("k1", body.replace('\'', '"'))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(PROBLEMS + "invalid-request"));
    verifyNoInteractions(payments, faults);
  }

  private static String without(String field) {
    Map<String, Object> body = validFields();
    body.remove(field);
    return write(body);
  }

  private static String with(String field, Object value) {
    Map<String, Object> body = validFields();
    body.put(field, value);
    return write(body);
  }

  private static Map<String, Object> validFields() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("debitAccount", "acc-1");
    body.put("creditAccount", "acc-2");
    body.put("amount", new BigDecimal("12.50"));
    body.put("currency", "EUR");
    return body;
  }

  private static String write(Map<String, Object> body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void wrongMediaTypeIs415Problem() throws Exception {
    mvc.perform(
            post("/payments")
                .header(PaymentHeaders.IDEMPOTENCY_KEY, "k1")
                .contentType(MediaType.TEXT_PLAIN)
                .content(VALID))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(PROBLEMS + "unsupported-media-type"));
  }

  @Test
  void businessProblemsKeepTheirStatusAndType() throws Exception {
    when(payments.apply(eq("k1"), any()))
        .thenThrow(new UpstreamProblemException(ProblemType.DECLINED, "blocked"));
    when(payments.apply(eq("k2"), any()))
        .thenThrow(new UpstreamProblemException(ProblemType.INSUFFICIENT_FUNDS, "too much"));
    when(payments.apply(eq("k3"), any()))
        .thenThrow(new UpstreamProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED, "reused"));

    postPayment("k1", VALID)
        .andExpect(status().isForbidden())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(endsWith("/declined")))
        .andExpect(jsonPath("$.detail").value("blocked"));
    postPayment("k2", VALID)
        .andExpect(status().isPaymentRequired())
        .andExpect(jsonPath("$.type").value(PROBLEMS + "insufficient-funds"));
    postPayment("k3", VALID)
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.type").value(PROBLEMS + "idempotency-key-reused"));
  }

  @Test
  void lookupIs200WhenAppliedAnd404Otherwise() throws Exception {
    when(payments.find("k1")).thenReturn(Optional.of(STORED));
    when(payments.find("nope")).thenReturn(Optional.empty());

    mvc.perform(get("/payments/k1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.paymentId").value("pay_1"));
    mvc.perform(get("/payments/nope"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(PROBLEMS + "payment-not-found"));
  }

  @Test
  void unknownPathsAndMethodsAreProblemsToo() throws Exception {
    mvc.perform(get("/nowhere"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value(PROBLEMS + "not-found"));
    mvc.perform(
            org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/payments"))
        .andExpect(status().isMethodNotAllowed())
        .andExpect(jsonPath("$.type").value(PROBLEMS + "method-not-allowed"));
  }
}
