package dev.settle.gateway.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The API clients, and the operators who may import statements and resolve operations for every
 * client. Only the SHA-256 of each API key is configured: the keys themselves never appear in
 * configuration or logs.
 */
@Validated
@ConfigurationProperties("settle.gateway.auth")
public record ClientProperties(
    @Valid @DefaultValue List<Client> clients, @Valid @DefaultValue List<Client> operators) {

  /** What a client or operator id may be: no '/' or ':', which delimit it in Settle's keys. */
  public static final String ID_PATTERN = "[A-Za-z0-9._-]{1,64}";

  /** A client id may not contain '/', which separates it from the key in workflow IDs. */
  public record Client(
      @NotBlank @Pattern(regexp = ID_PATTERN) String id,
      @NotBlank @Pattern(regexp = "[0-9a-f]{64}") String keySha256) {}
}
