package dev.settle.chaos.check;

import java.math.BigDecimal;

/** A row of the ledger's {@code ledger_entry} table. */
public record LedgerRow(
    long id,
    String kind,
    String account,
    String direction,
    BigDecimal amount,
    String currency,
    Long reverses) {}
