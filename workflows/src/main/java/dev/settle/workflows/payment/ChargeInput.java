package dev.settle.workflows.payment;

import java.math.BigDecimal;

/** One charge call; {@code idempotencyKey} is passed on to the upstream unchanged on every try. */
public record ChargeInput(
    String idempotencyKey,
    String debitAccount,
    String creditAccount,
    BigDecimal amount,
    String currency) {}
