package dev.settle.workflows.ledger;

import java.math.BigDecimal;

/** A balanced pair: {@code amount} debited from one account and credited to the other. */
public record PostingInput(
    String operationId,
    String debitAccount,
    String creditAccount,
    BigDecimal amount,
    String currency) {}
