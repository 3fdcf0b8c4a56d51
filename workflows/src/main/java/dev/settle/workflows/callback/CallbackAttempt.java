package dev.settle.workflows.callback;

import java.time.Instant;

/**
 * One delivery attempt or operator request: {@code outcome} is DELIVERED, HTTP_&lt;status&gt;,
 * NO_ANSWER (timeout, refused connection, lost worker), REDELIVER_REQUESTED or REDELIVER_IGNORED.
 */
public record CallbackAttempt(Instant at, String outcome, String detail) {}
