package dev.settle.bench.payment;

import dev.settle.bench.BenchNames;
import dev.settle.stackkit.http.GatewayClient;
import dev.settle.stackkit.http.Http;
import dev.settle.workflows.operation.OperationIds;
import dev.settle.workflows.payment.PaymentRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The one payment every scenario makes, each time under a fresh key: the same accounts, amount and
 * currency whichever path carries it, so the paths compare like for like.
 */
final class PaymentFixtures {
  static final String DEBIT = "bench-alice";
  static final String CREDIT = "bench-bob";
  static final BigDecimal AMOUNT = new BigDecimal("1.00");
  static final String CURRENCY = "EUR";

  private final String clientId;
  private final String runId;

  PaymentFixtures(String clientId, String runId) {
    this.clientId = clientId;
    this.runId = runId;
  }

  String clientId() {
    return clientId;
  }

  /** Unique per run, scenario and operation, so no operation ever replays another. */
  String key(String scenario, long seq) {
    return BenchNames.KEY_PREFIX + runId + "-" + scenario + "-" + seq;
  }

  /** What the workflow IDs of a scenario's operations in this run start with. */
  String workflowIdPrefix(String scenario) {
    return workflowId(BenchNames.KEY_PREFIX + runId + "-" + scenario + "-");
  }

  String workflowId(String key) {
    return OperationIds.workflowId(clientId, key);
  }

  /**
   * The body of {@code POST /v1/payments} (and, with the workflow ID as key, of the upstream's
   * {@code POST /payments}); the amount is a decimal string, as the gateway requires.
   */
  static String body() {
    return "{\"debitAccount\":\""
        + DEBIT
        + "\",\"creditAccount\":\""
        + CREDIT
        + "\",\"amount\":\""
        + AMOUNT.toPlainString()
        + "\",\"currency\":\""
        + CURRENCY
        + "\"}";
  }

  /** {@code POST /v1/payments} of {@link #body()}; a 201 counts only with a CONFIRMED body. */
  Http.Answer pay(GatewayClient gateway, String key) {
    Http.Answer answer = gateway.submit("/v1/payments", key, body());
    if (answer.status() == 201 && !"CONFIRMED".equals(answer.text("status"))) {
      throw new Http.UnexpectedAnswer("gateway answered 201 " + answer.gist());
    }
    return answer;
  }

  /**
   * The workflow input the gateway would build from {@link #body()}, with a fresh request ID as the
   * gateway gives every HTTP request.
   */
  PaymentRequest request(String key) {
    return new PaymentRequest(
        clientId,
        key,
        DEBIT,
        CREDIT,
        AMOUNT,
        CURRENCY,
        fingerprint(),
        UUID.randomUUID().toString());
  }

  /**
   * The gateway's fingerprint of the canonical body (PaymentBody.fingerprint): the raw path stores
   * the same one, so a later gateway request with that key is recognised as a repeat.
   */
  static String fingerprint() {
    String canonical =
        String.join(
            "\n", "payment", DEBIT, CREDIT, AMOUNT.stripTrailingZeros().toPlainString(), CURRENCY);
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
