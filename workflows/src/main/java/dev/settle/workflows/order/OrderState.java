package dev.settle.workflows.order;

import dev.settle.workflows.callback.CallbackDelivery;
import dev.settle.workflows.operation.Attempt;
import dev.settle.workflows.operation.OperationSnapshot;
import dev.settle.workflows.operation.OperationStatus;
import dev.settle.workflows.operation.Resolution;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The saga's state: the query answer while it runs, the result once it is closed. {@code
 * upstreamKey} is the key every step goes upstream under (null until the run has started, and in
 * results from before per-run keys).
 */
public record OrderState(
    String operationId,
    String clientId,
    String idempotencyKey,
    OperationStatus status,
    String fingerprint,
    String customerAccount,
    String merchantAccount,
    List<OrderItem> items,
    BigDecimal amount,
    String currency,
    List<SagaStep> steps,
    boolean compensating,
    String failureCode,
    String failureDetail,
    Instant createdAt,
    Instant decidedAt,
    Instant unknownSince,
    Instant nextReconcileAt,
    boolean ledgerPosted,
    boolean ledgerReversed,
    Resolution resolution,
    List<Attempt> attempts,
    String startedByRequest,
    CallbackDelivery callback,
    String upstreamKey)
    implements OperationSnapshot {}
