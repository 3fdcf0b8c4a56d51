package dev.settle.activities.callback;

import dev.settle.workflows.callback.CallbackPolicy;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Client callbacks: how they are signed and how long the worker keeps trying.
 *
 * @param secret HMAC-SHA256 key of the {@code Settle-Signature} header; receivers hold the same
 * @param connectTimeout a receiver that does not accept the connection in time is retried
 * @param attemptTimeout one attempt, until the receiver's answer; no answer in time is retried
 * @param initialBackoff wait after the first failed attempt, doubled after each one
 * @param maxBackoff cap of that wait
 * @param horizon how long without a 2xx before the delivery is FAILED (CallbackStatus)
 * @param redeliveryWindow how long a FAILED delivery waits for an operator's redeliver signal
 *     before its workflow closes
 */
@Validated
@ConfigurationProperties("settle.callbacks")
public record CallbackProperties(
    @NotBlank String secret,
    @NotNull @DefaultValue("2s") Duration connectTimeout,
    @NotNull @DefaultValue("10s") Duration attemptTimeout,
    @NotNull @DefaultValue("5s") Duration initialBackoff,
    @NotNull @DefaultValue("10m") Duration maxBackoff,
    @NotNull @DefaultValue("24h") Duration horizon,
    @NotNull @DefaultValue("7d") Duration redeliveryWindow) {

  public CallbackPolicy toPolicy() {
    return new CallbackPolicy(initialBackoff, maxBackoff, horizon, redeliveryWindow);
  }
}
