package dev.settle.upstream;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class TomcatConfig {
  /**
   * Settle's keys are {client}/{key}, so status lookups arrive as /payments/demo%2Forder-1. Tomcat
   * rejects encoded slashes by default; pass them through for Spring to decode into the variable.
   */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesInKeys() {
    return factory ->
        factory.addConnectorCustomizers(
            connector -> connector.setEncodedSolidusHandling("passthrough"));
  }
}
