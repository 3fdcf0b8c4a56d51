package dev.settle.upstream.effect;

import java.util.List;

/** Kinds of side effect the sim performs; each is counted separately by the admin API. */
public final class EffectKind {

  public static final String PAYMENT_CHARGE = "payment.charge";

  /** Reported even when zero, so a caller can assert "not applied" without special cases. */
  static final List<String> KNOWN = List.of(PAYMENT_CHARGE);

  private EffectKind() {}
}
