package dev.settle.workflows.payment;

import java.math.BigDecimal;

/**
 * Asks the upstream what it knows under this idempotency key. The payment it finds is compared with
 * the request (accounts, amount, currency): a payment under the key that moved other money never
 * confirms. The request's fields are null in histories from before that comparison.
 */
public record LookupInput(
    String idempotencyKey,
    String debitAccount,
    String creditAccount,
    BigDecimal amount,
    String currency) {

  public LookupInput(String idempotencyKey) {
    this(idempotencyKey, null, null, null, null);
  }

  /** The lookup of the payment {@code charge} makes. */
  public static LookupInput of(ChargeInput charge) {
    return new LookupInput(
        charge.idempotencyKey(),
        charge.debitAccount(),
        charge.creditAccount(),
        charge.amount(),
        charge.currency());
  }
}
