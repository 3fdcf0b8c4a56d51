package dev.settle.gateway;

import dev.settle.gateway.auth.AuthenticatedClient;
import dev.settle.gateway.auth.AuthenticatedOperator;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The served OpenAPI document; docs/openapi.json is its checked-in copy (an e2e test compares). */
@Configuration
class OpenApiConfig {
  static {
    // The authenticated client or operator comes from the Authorization header, not a parameter.
    SpringDocUtils.getConfig()
        .addAnnotationsToIgnore(AuthenticatedClient.class, AuthenticatedOperator.class);
  }

  @Bean
  OpenAPI settleApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Settle")
                .version("v1")
                .description(
                    "Payments over unreliable upstreams: idempotent by key, honest about ambiguous"
                        + " outcomes (202 + UNKNOWN), reconciled until known. See docs/payments.md."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "apiKey", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                .addSecuritySchemes(
                    "operatorKey",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description(
                            "An operator key (settle.gateway.auth.operators), not a client's."))
                .addSecuritySchemes(
                    "webhookSignature",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER)
                        .name("Settle-Signature")
                        .description(
                            "t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.\" + body with the shared secret>")))
        .addSecurityItem(new SecurityRequirement().addList("apiKey"))
        // Relative, so the document is the same wherever the gateway runs.
        .servers(List.of(new Server().url("/")));
  }
}
