package dev.settle.gateway;

import dev.settle.gateway.auth.ClientProperties;
import dev.settle.gateway.callback.CallbackUrlProperties;
import dev.settle.gateway.reconciliation.WebhookProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;

/**
 * Every {@code settle.gateway.*} settings record, bound from application.yml as the gateway binds
 * them. A {@code @WebMvcTest} loads every controller, so each web slice test imports all of them: a
 * controller that gains a settings parameter then fails no slice it is not about.
 */
@TestConfiguration
@EnableConfigurationProperties({
  ClientProperties.class,
  GatewayProperties.class,
  CallbackUrlProperties.class,
  WebhookProperties.class
})
public class GatewaySliceProperties {}
