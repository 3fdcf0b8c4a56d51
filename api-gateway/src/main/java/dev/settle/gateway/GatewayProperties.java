package dev.settle.gateway;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param decisionBudget how long a POST waits for the operation to leave PENDING before answering
 *     202 from the state it reads then (also when no worker took the request in that time)
 * @param retryAfter what {@code Retry-After} suggests to clients polling a non-final operation
 * @param maxConcurrentSubmissions submissions waiting on Temporal at once; beyond it, 503
 * @param queryTimeout how long a state query may wait for a worker before the gateway answers from
 *     the visibility record instead (no worker polling means a query would hang)
 * @param keyRetention advertised key retention while Temporal's namespace retention cannot be read
 */
@Validated
@ConfigurationProperties("settle.gateway")
public record GatewayProperties(
    @NotNull @DefaultValue("2s") Duration decisionBudget,
    @NotNull @DefaultValue("1s") Duration retryAfter,
    @Min(1) @DefaultValue("128") int maxConcurrentSubmissions,
    @NotNull @DefaultValue("2s") Duration queryTimeout,
    @NotNull @DefaultValue("24h") Duration keyRetention) {}
