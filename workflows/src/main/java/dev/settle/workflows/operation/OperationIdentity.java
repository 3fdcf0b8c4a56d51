package dev.settle.workflows.operation;

import java.math.BigDecimal;

/**
 * What identifies an operation to its client and its callback.
 *
 * @param legacyRepeatedUpsert the operation type recorded histories that upserted an unchanged
 *     status again (payments); replays of those keep doing so
 */
public record OperationIdentity(
    String type,
    String operationId,
    String idempotencyKey,
    String fingerprint,
    String callbackUrl,
    BigDecimal amount,
    String currency,
    boolean legacyRepeatedUpsert) {

  public static OperationIdentity of(
      String type, OperationRequest request, boolean legacyRepeatedUpsert) {
    return new OperationIdentity(
        type,
        request.operationId(),
        request.idempotencyKey(),
        request.fingerprint(),
        request.callbackUrl(),
        request.amount(),
        request.currency(),
        legacyRepeatedUpsert);
  }
}
