package dev.settle.upstream.fault;

import dev.settle.upstream.effect.EffectKind;
import org.springframework.lang.Nullable;

/**
 * A snapshot of one rule as the admin API shows it.
 *
 * @param count firings left; {@code null} means unlimited
 * @param latencyMs delay for LATENCY and the hanging modes; {@code null} means the configured one
 * @param path when set, the rule only hits requests whose raw (still percent-encoded) path starts
 *     with it
 * @param operation when set, the rule only hits requests performing that operation, named by the
 *     effect it applies (e.g. {@code payment.refund})
 * @param fired how often the rule has fired so far
 */
public record FaultRule(
    String id,
    FaultMode mode,
    double probability,
    @Nullable Integer count,
    @Nullable Long latencyMs,
    @Nullable String path,
    @Nullable EffectKind operation,
    long fired) {}
