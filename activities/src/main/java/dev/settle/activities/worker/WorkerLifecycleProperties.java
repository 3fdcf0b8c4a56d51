package dev.settle.activities.worker;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When the worker starts polling and how it stops.
 *
 * @param startupInitialBackoff first wait after Temporal could not be reached at startup
 * @param startupMaxBackoff cap of the doubling wait between startup attempts; the worker keeps
 *     trying (not ready meanwhile) instead of exiting, so an orchestrator need not order startups
 * @param probeTimeout deadline of one "is the namespace there" call (startup and readiness)
 * @param drainTimeout on shutdown, how long tasks already taken may run after polling stopped; keep
 *     it below the orchestrator's kill grace (bin/settle: SETTLE_STOP_TIMEOUT, k8s:
 *     terminationGracePeriodSeconds)
 */
@Validated
@ConfigurationProperties("settle.worker.lifecycle")
public record WorkerLifecycleProperties(
    @NotNull @DefaultValue("500ms") Duration startupInitialBackoff,
    @NotNull @DefaultValue("15s") Duration startupMaxBackoff,
    @NotNull @DefaultValue("3s") Duration probeTimeout,
    @NotNull @DefaultValue("20s") Duration drainTimeout) {}
