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
 * @param holdWhilePending how long after a payment started a webhook about it is answered 503
 *     (retry later) while it is still PENDING: its charge's own answer is on the way, and a signal
 *     now would make Temporal run the payment's only workflow task again. 0 signals at once.
 */
@Validated
@ConfigurationProperties("settle.gateway.webhooks")
public record WebhookProperties(
    @DefaultValue List<String> secrets,
    @NotNull @DefaultValue("5m") Duration tolerance,
    @DefaultValue("10000") int replayMemory,
    @NotNull @DefaultValue("10s") Duration holdWhilePending) {

  public List<String> usableSecrets() {
    return secrets.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
