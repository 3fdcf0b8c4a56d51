package dev.settle.gateway.reconciliation;

import dev.settle.gateway.problem.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Verifies {@code Settle-Signature: t=<unix seconds>,v1=<hex>}: HMAC-SHA256 with a shared secret
 * over {@code "<t>." + body}. The timestamp is signed, so it cannot be moved; a signature older
 * than the tolerance is refused, which bounds how long a captured webhook can be replayed.
 */
@Component
public class WebhookSignature {
  public static final String HEADER = "Settle-Signature";
  private static final Logger log = LoggerFactory.getLogger(WebhookSignature.class);

  private final WebhookProperties properties;
  private final Clock clock;

  public WebhookSignature(WebhookProperties properties) {
    this.properties = properties;
    this.clock = Clock.systemUTC();
    if (properties.usableSecrets().isEmpty()) {
      log.warn(
          "No webhook secret configured (settle.gateway.webhooks.secrets): every webhook will be refused");
    }
  }

  /** How many accepted signatures to remember (WebhookController answers their replays). */
  public int replayMemory() {
    return properties.replayMemory();
  }

  /** What was verified: the signed timestamp and the signature that matched. */
  public record Verified(long timestamp, String signature) {}

  /** Returns normally only for a body signed with a configured secret within the tolerance. */
  public Verified verify(String header, byte[] body) {
    List<String> secrets = properties.usableSecrets();
    if (secrets.isEmpty()) {
      throw ApiException.webhookSignatureInvalid("Webhooks are not configured on this gateway.");
    }
    if (header == null || header.isBlank()) {
      throw ApiException.webhookSignatureInvalid(
          "Send " + HEADER + ": t=<unix seconds>,v1=<hex HMAC-SHA256>.");
    }
    Long timestamp = null;
    List<byte[]> signatures = new ArrayList<>();
    for (String part : header.split(",")) {
      String[] pair = part.trim().split("=", 2);
      if (pair.length != 2) {
        continue;
      }
      try {
        if (pair[0].equals("t")) {
          timestamp = Long.parseLong(pair[1]);
        } else if (pair[0].equals("v1")) {
          signatures.add(HexFormat.of().parseHex(pair[1]));
        }
      } catch (IllegalArgumentException malformed) {
        throw ApiException.webhookSignatureInvalid("The " + HEADER + " header is malformed.");
      }
    }
    if (timestamp == null || signatures.isEmpty()) {
      throw ApiException.webhookSignatureInvalid("The " + HEADER + " header needs t= and v1=.");
    }
    long skew = Math.abs(clock.millis() / 1000 - timestamp);
    if (skew > properties.tolerance().toSeconds()) {
      throw ApiException.webhookSignatureInvalid(
          "The signed timestamp is "
              + Duration.ofSeconds(skew)
              + " away from now; the tolerance is "
              + properties.tolerance()
              + ".");
    }
    boolean valid = false;
    for (String secret : secrets) {
      byte[] expected = sign(secret, timestamp, body);
      for (byte[] presented : signatures) {
        // Constant time, and every candidate is compared, so timing does not tell which matched.
        valid |= MessageDigest.isEqual(expected, presented);
      }
    }
    if (!valid) {
      throw ApiException.webhookSignatureInvalid("The signature does not match the body.");
    }
    return new Verified(timestamp, header.trim());
  }

  /** HMAC-SHA256 over {@code "<timestamp>." + body}; also what tests and senders compute. */
  public static byte[] sign(String secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  public static String header(String secret, long timestamp, byte[] body) {
    return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(sign(secret, timestamp, body));
  }
}
