package dev.settle.activities.worker;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Timeouts and retries of the activities the workflows schedule. They override the defaults written
 * in the workflow code (which only workflow unit tests rely on).
 *
 * @param upstreamStartToClose one upstream call, including the HTTP read timeout
 * @param upstreamMaxAttempts tries of a status lookup the upstream did not answer before the
 *     workflow counts it unavailable and looks again later (mutating calls are bounded in time
 *     instead: {@code settle.upstream.not-executed-horizon})
 * @param ledgerStartToClose one ledger write
 * @param ledgerMaxInterval cap between ledger retries; they never stop, the posting must land
 * @param localStartToClose the one local try of a charge or a posting on a payment's happy path; it
 *     runs inside a workflow task, so it stays well below the 10 s workflow task timeout (the
 *     activity takes over from a try that runs out of it)
 */
@Validated
@ConfigurationProperties("settle.worker.activities")
public record ActivityTimeoutProperties(
    @NotNull @DefaultValue("15s") Duration upstreamStartToClose,
    @Min(1) @DefaultValue("5") int upstreamMaxAttempts,
    @NotNull @DefaultValue("10s") Duration ledgerStartToClose,
    @NotNull @DefaultValue("1m") Duration ledgerMaxInterval,
    @NotNull @DefaultValue("6s") Duration localStartToClose) {}
