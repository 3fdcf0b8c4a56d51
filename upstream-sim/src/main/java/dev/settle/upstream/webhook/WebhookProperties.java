package dev.settle.upstream.webhook;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;
import org.springframework.validation.annotation.Validated;

/**
 * Where and how the sim tells Settle that a payment settled.
 *
 * @param url the gateway's webhook endpoint; none (blank) turns webhooks off
 * @param secret the HMAC-SHA256 secret shared with the gateway
 * @param enabled whether webhooks go out at start (the admin API switches it at run time)
 * @param delay how long after the commit the first attempt goes out
 * @param maxAttempts attempts per webhook before it is given up (and listed as failed)
 * @param initialBackoff wait before the first retry, doubling per retry up to {@code maxBackoff}
 * @param timeout connect and read timeout of one attempt
 */
@Validated
@ConfigurationProperties("settle.upstream-sim.webhooks")
public record WebhookProperties(
    @Nullable URI url,
    @DefaultValue("") String secret,
    @DefaultValue("true") boolean enabled,
    @NotNull @DefaultValue("0s") Duration delay,
    @Min(1) @DefaultValue("8") int maxAttempts,
    @NotNull @DefaultValue("1s") Duration initialBackoff,
    @NotNull @DefaultValue("30s") Duration maxBackoff,
    @NotNull @DefaultValue("5s") Duration timeout) {

  public boolean configured() {
    return url != null && !url.toString().isBlank() && !secret.isBlank();
  }
}
