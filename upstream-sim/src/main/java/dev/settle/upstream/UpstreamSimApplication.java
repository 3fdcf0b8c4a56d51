package dev.settle.upstream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Plays the upstreams Settle calls (orders, inventory, payments): its own database, honest
 * idempotency, faults on demand.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class UpstreamSimApplication {

  public static void main(String[] args) {
    SpringApplication.run(UpstreamSimApplication.class, args);
  }
}
