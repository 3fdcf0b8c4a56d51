package dev.settle.gateway.reconciliation;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param secrets the HMAC secrets shared with the upstream (comma-separated in
 *     SETTLE_WEBHOOK_SECRET); a signature made with any of them is valid, so a secret is rotated by
 *     adding the new one, switching the upstream over, then removing the old one. None: every
 *     webhook is refused.
 * @param tolerance how far a webhook's signed timestamp may be from the gateway's clock, either
 *     way; an older one is refused as a possible replay
 * @param replayMemory how many recently accepted signatures are remembered to answer an exact
 *     replay as a duplicate without signalling again
 */
@Validated
@ConfigurationProperties("settle.gateway.webhooks")
public record WebhookProperties(
    @DefaultValue List<String> secrets,
    @NotNull @DefaultValue("5m") Duration tolerance,
    @DefaultValue("10000") int replayMemory) {

  public List<String> usableSecrets() {
    return secrets.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
