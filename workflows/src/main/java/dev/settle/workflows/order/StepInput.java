package dev.settle.workflows.order;

import java.math.BigDecimal;
import java.util.List;

/**
 * Everything an order step or its compensation sends upstream. The key is the operation id, the
 * same for every step: each upstream deduplicates by it in its own tables.
 */
public record StepInput(
    String idempotencyKey,
    String customerAccount,
    List<OrderItem> items,
    BigDecimal amount,
    String currency) {}
