package dev.settle.activities.worker;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long workflow code may run without yielding before the SDK fails the workflow task as a
 * potential deadlock (and Temporal retries it).
 *
 * @param deadlockDetectionTimeout the SDK's default is 1 s; a worker that has just started on a
 *     busy machine spends longer than that loading classes for its first workflow tasks (seen in
 *     ScaleOutIT's restarted worker), which fails tasks that are not deadlocked at all. Keep it
 *     below the workflow task timeout (10 s), or a real deadlock is only seen as a timeout.
 */
@Validated
@ConfigurationProperties("settle.worker.workflow-task")
public record WorkflowTaskProperties(
    @NotNull @DefaultValue("5s") Duration deadlockDetectionTimeout) {}
