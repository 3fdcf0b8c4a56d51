package dev.settle.workflows.payment;

import java.math.BigDecimal;

/**
 * One charge call; {@code idempotencyKey} is passed on to the upstream unchanged on every try.
 *
 * @param callId the charge this try belongs to, the same for its local try and the activity that
 *     takes over from it (and for a local try run again after its worker was lost), so that the
 *     call journal sees every request this charge put on the wire; null in histories recorded
 *     before, where the activity's own identity is the charge's
 * @param attemptsBefore tries of this charge made before this activity's first (1 after a local
 *     try), so that its attempts follow on in the journal
 */
public record ChargeInput(
    String idempotencyKey,
    String debitAccount,
    String creditAccount,
    BigDecimal amount,
    String currency,
    String callId,
    int attemptsBefore) {

  public ChargeInput(
      String idempotencyKey,
      String debitAccount,
      String creditAccount,
      BigDecimal amount,
      String currency) {
    this(idempotencyKey, debitAccount, creditAccount, amount, currency, null, 0);
  }

  /** The same charge, tried as one call of its own: {@code callId}, after {@code before} tries. */
  public ChargeInput asCall(String id, int before) {
    return new ChargeInput(
        idempotencyKey, debitAccount, creditAccount, amount, currency, id, before);
  }
}
