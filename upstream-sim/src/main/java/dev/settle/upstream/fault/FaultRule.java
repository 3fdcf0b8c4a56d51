package dev.settle.upstream.fault;

import org.springframework.lang.Nullable;

/**
 * A snapshot of one rule as the admin API shows it.
 *
 * @param count firings left; {@code null} means unlimited
 * @param latencyMs delay for LATENCY and the hanging modes; {@code null} means the configured one
 * @param path when set, the rule only hits requests whose path starts with it
 * @param fired how often the rule has fired so far
 */
public record FaultRule(
    String id,
    FaultMode mode,
    double probability,
    @Nullable Integer count,
    @Nullable Long latencyMs,
    @Nullable String path,
    long fired) {}
