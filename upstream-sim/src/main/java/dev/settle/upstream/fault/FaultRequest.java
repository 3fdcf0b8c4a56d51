package dev.settle.upstream.fault;

import dev.settle.upstream.effect.EffectKind;
import dev.settle.upstream.problem.ProblemType;
import dev.settle.upstream.problem.UpstreamProblemException;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.lang.Nullable;

/**
 * Body of {@code POST /admin/faults}. Checked by hand rather than with bean validation so every
 * rejection carries the {@code invalid-fault} type and says which value was wrong.
 */
record FaultRequest(
    @Nullable String mode,
    @Nullable Double probability,
    @Nullable Integer count,
    @Nullable Long latencyMs,
    @Nullable String path,
    @Nullable String operation) {

  /** Ten minutes: longer than any caller timeout, short enough not to pin threads by typo. */
  static final long MAX_LATENCY_MS = 600_000;

  FaultRule addTo(FaultRules rules) {
    FaultMode parsedMode = parsedMode();
    return rules.add(
        parsedMode,
        checkedProbability(),
        checkedCount(),
        checkedLatency(),
        checkedPath(),
        parsedOperation(parsedMode));
  }

  private FaultMode parsedMode() {
    if (mode == null || mode.isBlank()) {
      throw invalid("mode is required, one of " + Arrays.toString(FaultMode.values()));
    }
    try {
      return FaultMode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid(
          "unknown mode '" + mode + "', expected one of " + Arrays.toString(FaultMode.values()));
    }
  }

  private double checkedProbability() {
    double p = probability == null ? 1.0 : probability;
    if (!(p >= 0.0 && p <= 1.0)) {
      throw invalid("probability must be within [0, 1], was " + probability);
    }
    return p;
  }

  @Nullable
  private Integer checkedCount() {
    // A rule with count 0 would be spent before it exists; omit count for "unlimited".
    if (count != null && count < 1) {
      throw invalid("count must be at least 1 (omit it for unlimited), was " + count);
    }
    return count;
  }

  @Nullable
  private Long checkedLatency() {
    if (latencyMs != null && (latencyMs < 0 || latencyMs > MAX_LATENCY_MS)) {
      throw invalid("latencyMs must be within [0, " + MAX_LATENCY_MS + "], was " + latencyMs);
    }
    return latencyMs;
  }

  @Nullable
  private String checkedPath() {
    if (path != null && !path.startsWith("/")) {
      throw invalid("path must start with '/', was '" + path + "'");
    }
    return path;
  }

  @Nullable
  private EffectKind parsedOperation(FaultMode parsedMode) {
    if (operation == null) {
      return null;
    }
    EffectKind kind =
        EffectKind.fromCode(operation.trim())
            .orElseThrow(
                () ->
                    invalid(
                        "unknown operation '"
                            + operation
                            + "', expected one of "
                            + Arrays.toString(EffectKind.values())));
    // Lookups perform no operation, so such a rule could never fire: refuse it rather than idle.
    if (parsedMode.target() != FaultMode.Target.APPLY) {
      throw invalid(
          "operation only applies to modes that hit mutating requests, not "
              + parsedMode
              + "; target a status lookup with path instead");
    }
    return kind;
  }

  private static UpstreamProblemException invalid(String detail) {
    return new UpstreamProblemException(ProblemType.INVALID_FAULT, detail);
  }
}
