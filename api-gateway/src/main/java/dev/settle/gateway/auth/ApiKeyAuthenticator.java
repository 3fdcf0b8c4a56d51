package dev.settle.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Maps a presented API key to its client by comparing hashes in constant time. */
@Component
public class ApiKeyAuthenticator {
  private final ClientProperties properties;

  public ApiKeyAuthenticator(ClientProperties properties) {
    this.properties = properties;
  }

  public Optional<String> clientFor(String apiKey) {
    return match(apiKey, properties.clients());
  }

  /**
   * Operator keys are a set of their own: a client's key never opens an operator endpoint, and an
   * operator's key never acts as a client.
   */
  public Optional<String> operatorFor(String apiKey) {
    return match(apiKey, properties.operators());
  }

  private static Optional<String> match(
      String apiKey, java.util.List<ClientProperties.Client> holders) {
    if (apiKey == null || apiKey.isEmpty()) {
      return Optional.empty();
    }
    byte[] presented = sha256(apiKey);
    String match = null;
    for (ClientProperties.Client client : holders) {
      // Visit every client, so the time taken does not tell which prefix matched.
      if (MessageDigest.isEqual(presented, HexFormat.of().parseHex(client.keySha256()))) {
        match = client.id();
      }
    }
    return Optional.ofNullable(match);
  }

  static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
