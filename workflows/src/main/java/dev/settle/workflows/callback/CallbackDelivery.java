package dev.settle.workflows.callback;

import java.time.Instant;
import java.util.List;

/**
 * Where a client callback stands, for the state query. Kept apart from the operation's own evidence
 * trail ({@code attempts}), which stops changing once the operation is final.
 */
public record CallbackDelivery(
    String url,
    CallbackStatus status,
    int attempts,
    Instant nextAttemptAt,
    Instant deliveredAt,
    List<CallbackAttempt> history) {}
