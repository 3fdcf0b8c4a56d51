package dev.settle.workflows.callback;

import java.time.Instant;

/**
 * Where a client callback stands, for the state query: each attempt is also in the operation's
 * evidence trail (step CALLBACK).
 */
public record CallbackDelivery(
    String url,
    CallbackStatus status,
    int attempts,
    Instant lastAttemptAt,
    String lastOutcome,
    Instant nextAttemptAt,
    Instant deliveredAt) {}
