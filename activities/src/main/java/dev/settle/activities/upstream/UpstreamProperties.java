package dev.settle.activities.upstream;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the worker talks to the payment upstream.
 *
 * @param baseUrl where the upstream listens
 * @param connectTimeout a connect that does not finish in time never sent anything: safe to retry
 * @param readTimeout a reply that does not come in time is ambiguous: the upstream may have acted
 * @param retryInitialDelay first delay before retrying a call that definitely did not execute
 * @param retryMaxDelay cap of that exponential delay; each delay is jittered to 50–100 %
 * @param notExecutedHorizon how long a mutating call that definitely did not execute (503, 429,
 *     connection refused, the breaker open) is tried again while the operation stays PENDING; only
 *     past it is the operation FAILED (its key is then spent). Failing is a decision in time, not a
 *     count of tries: a breaker open for a few seconds must not fail a payment.
 * @param statuses what each upstream's HTTP statuses mean for a mutating call, by upstream name
 *     (payments, orders, inventory); {@link StatusTable#DEFAULT} for one not named
 */
@Validated
@ConfigurationProperties("settle.upstream")
public record UpstreamProperties(
    @NotNull @DefaultValue("http://127.0.0.1:8089") URI baseUrl,
    @NotNull @DefaultValue("1s") Duration connectTimeout,
    @NotNull @DefaultValue("3s") Duration readTimeout,
    @NotNull @DefaultValue("500ms") Duration retryInitialDelay,
    @NotNull @DefaultValue("10s") Duration retryMaxDelay,
    @NotNull @DefaultValue("10m") Duration notExecutedHorizon,
    Map<String, StatusTable> statuses) {

  public UpstreamProperties {
    statuses = statuses == null ? Map.of() : Map.copyOf(statuses);
  }

  public StatusTable statusTable(String upstream) {
    return statuses.getOrDefault(upstream, StatusTable.DEFAULT);
  }
}
