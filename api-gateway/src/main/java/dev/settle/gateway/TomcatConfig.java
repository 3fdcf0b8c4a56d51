package dev.settle.gateway;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class TomcatConfig {
  /**
   * Idempotency keys may contain '/'. Clients send it as %2F in /v1/operations/{key}; Tomcat
   * rejects encoded slashes by default, so pass them through for Spring to decode into the path
   * variable.
   */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesInKeys() {
    return factory ->
        factory.addConnectorCustomizers(
            connector -> connector.setEncodedSolidusHandling("passthrough"));
  }
}
