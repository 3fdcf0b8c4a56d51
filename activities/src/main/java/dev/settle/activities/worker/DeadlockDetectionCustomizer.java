package dev.settle.activities.worker;

import io.temporal.spring.boot.WorkerOptionsCustomizer;
import io.temporal.worker.WorkerOptions;
import org.springframework.stereotype.Component;

/** Hands the configured deadlock-detection limit to every worker the starter creates. */
@Component
class DeadlockDetectionCustomizer implements WorkerOptionsCustomizer {
  private final WorkflowTaskProperties properties;

  DeadlockDetectionCustomizer(WorkflowTaskProperties properties) {
    this.properties = properties;
  }

  @Override
  public WorkerOptions.Builder customize(
      WorkerOptions.Builder builder, String workerName, String taskQueue) {
    return builder.setDefaultDeadlockDetectionTimeout(
        properties.deadlockDetectionTimeout().toMillis());
  }
}
