package dev.settle.telemetry;

import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Shapes what the gateway and the worker export: Spring Boot applies every {@link MeterFilter} bean
 * to the registry before the first meter is registered.
 */
@AutoConfiguration
public class TelemetryAutoConfiguration {

  @Bean
  MeterFilter settlePrometheusShape() {
    return new PrometheusShape();
  }
}
