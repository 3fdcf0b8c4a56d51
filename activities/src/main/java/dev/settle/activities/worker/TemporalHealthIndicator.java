package dev.settle.activities.worker;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Ready to work means polling and the namespace answering. Part of the readiness group only: a slow
 * upstream or a Temporal blip must not make an orchestrator kill the worker.
 */
@Component
class TemporalHealthIndicator implements HealthIndicator {
  private final PollingLifecycle polling;
  private final NamespaceProbe probe;

  TemporalHealthIndicator(PollingLifecycle polling, NamespaceProbe probe) {
    this.polling = polling;
    this.probe = probe;
  }

  @Override
  public Health health() {
    Health.Builder health = Health.up().withDetail("namespace", probe.namespace());
    if (!polling.polling()) {
      return health.down().withDetail("polling", false).build();
    }
    try {
      probe.check();
      return health.withDetail("polling", true).build();
    } catch (RuntimeException unreachable) {
      return health
          .down()
          .withDetail("polling", true)
          .withDetail("error", unreachable.getMessage())
          .build();
    }
  }
}
