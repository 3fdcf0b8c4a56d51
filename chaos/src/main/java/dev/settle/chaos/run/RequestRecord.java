package dev.settle.chaos.run;

/**
 * One HTTP request the run sent to the gateway and what it got back.
 *
 * @param copy which of the operation's concurrent copies sent it (the mismatched payload is the
 *     last copy)
 * @param mismatch whether it carried the deliberately different payload
 * @param attempt 1 for the first try of this copy, then each retry with the same key
 * @param status the HTTP status, or 0 if none came ({@code error} says why)
 * @param problemType the problem's type (last segment) of an error answer
 * @param operationStatus the operation status in a 201/202 answer
 * @param operationId the {@code operationId} of a 201/202 answer (the key it answered for)
 * @param amount the amount in a 201/202 answer
 */
public record RequestRecord(
    String key,
    int copy,
    boolean mismatch,
    int attempt,
    long sentAtMillis,
    long tookMillis,
    int status,
    String error,
    String problemType,
    String operationStatus,
    String operationId,
    String amount) {}
