package dev.settle.activities.reconciliation;

import dev.settle.workflows.reconciliation.ReconciliationPolicy;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** See {@link ReconciliationPolicy} for what each setting means. */
@Validated
@ConfigurationProperties("settle.reconciliation")
public record ReconciliationProperties(
    @NotNull @DefaultValue("1s") Duration initialBackoff,
    @NotNull @DefaultValue("1m") Duration maxBackoff,
    @NotNull @DefaultValue("10s") Duration notFoundGrace,
    @NotNull @DefaultValue("1h") Duration horizon,
    @NotNull @DefaultValue("1h") Duration compensationHorizon,
    @NotNull @Min(500) @Max(40_000) @DefaultValue("4000") Integer continueAsNewAfterEvents) {

  public ReconciliationPolicy toPolicy() {
    return new ReconciliationPolicy(
        initialBackoff,
        maxBackoff,
        notFoundGrace,
        horizon,
        compensationHorizon,
        continueAsNewAfterEvents);
  }
}
