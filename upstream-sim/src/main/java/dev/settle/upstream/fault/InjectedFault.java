package dev.settle.upstream.fault;

import java.time.Duration;
import org.springframework.lang.Nullable;

/**
 * The fault chosen for one request, carried from before the operation is decided to after it.
 *
 * @param ruleId the rule that fired, {@code null} when none did
 */
public record InjectedFault(@Nullable String ruleId, FaultMode mode, Duration delay) {

  static final InjectedFault NOTHING = new InjectedFault(null, FaultMode.NONE, Duration.ZERO);
}
