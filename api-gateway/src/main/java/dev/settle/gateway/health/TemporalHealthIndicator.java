package dev.settle.gateway.health;

import dev.settle.gateway.TemporalNamespace;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The gateway can record operations only while Temporal answers for its namespace. Part of the
 * readiness group (a load balancer sends requests elsewhere), not of liveness (restarting the
 * gateway would not bring Temporal back).
 */
@Component
class TemporalHealthIndicator implements HealthIndicator {
  private final TemporalNamespace namespace;

  TemporalHealthIndicator(TemporalNamespace namespace) {
    this.namespace = namespace;
  }

  @Override
  public Health health() {
    try {
      namespace.describe();
      return Health.up().withDetail("namespace", namespace.name()).build();
    } catch (RuntimeException unreachable) {
      return Health.down()
          .withDetail("namespace", namespace.name())
          .withDetail("error", unreachable.getMessage())
          .build();
    }
  }
}
