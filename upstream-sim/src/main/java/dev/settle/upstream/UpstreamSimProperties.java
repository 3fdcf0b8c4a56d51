package dev.settle.upstream;

import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the simulator.
 *
 * @param hang how long the timeout fault modes hang when a rule gives no latency; longer than any
 *     sane caller timeout so the caller, not the sim, gives up first
 * @param defaultLatency how long a LATENCY rule without latencyMs delays a request
 * @param declineAbove amounts above this are refused as insufficient funds (nothing stored)
 */
@Validated
@ConfigurationProperties("settle.upstream-sim")
public record UpstreamSimProperties(
    @NotNull @DefaultValue("30s") Duration hang,
    @NotNull @DefaultValue("1s") Duration defaultLatency,
    @NotNull @DefaultValue("1000000") BigDecimal declineAbove) {}
