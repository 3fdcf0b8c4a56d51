package dev.settle.upstream.fault;

import dev.settle.upstream.UpstreamSimProperties;
import dev.settle.upstream.effect.EffectKind;
import dev.settle.upstream.problem.ProblemType;
import dev.settle.upstream.problem.ResponseDroppedException;
import dev.settle.upstream.problem.UpstreamProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

/**
 * Turns the rule that fires for a request into behaviour. Hangs happen on the request thread but
 * never inside a transaction, so a hanging request holds no database connection.
 */
@Component
public class FaultInjector {

  private static final Logger log = LoggerFactory.getLogger(FaultInjector.class);

  private final FaultRules rules;
  private final UpstreamSimProperties properties;

  FaultInjector(FaultRules rules, UpstreamSimProperties properties) {
    this.rules = rules;
    this.properties = properties;
  }

  /**
   * Before a mutating operation is decided: may delay, or fail the request with 503 (after a hang)
   * or 401. Call it outside any transaction.
   */
  public InjectedFault beforeApply(EffectKind operation, HttpServletRequest request, String key) {
    InjectedFault fault = draw(FaultMode.Target.APPLY, operation, request, key);
    switch (fault.mode()) {
      case LATENCY -> sleep(fault.delay());
      case FAIL_BEFORE_COMMIT -> throw unavailable("injected failure before commit");
      case AUTH_REFUSED ->
          throw new UpstreamProblemException(
              ProblemType.UNAUTHORIZED, "injected: the caller's credentials are refused");
      case TIMEOUT_BEFORE_COMMIT -> {
        sleep(fault.delay());
        throw unavailable("injected timeout before commit");
      }
      default -> {
        // The other modes act once the operation is decided.
      }
    }
    return fault;
  }

  /**
   * After the operation is decided (committed, replayed or refused), before the answer leaves: may
   * hang, or drop the connection so no answer ever arrives.
   */
  public void afterDecision(InjectedFault fault, HttpServletResponse response) throws IOException {
    switch (fault.mode()) {
      case COMMIT_THEN_TIMEOUT -> sleep(fault.delay());
      case COMMIT_THEN_RESET -> {
        ConnectionDropper.drop(response);
        throw new ResponseDroppedException("injected reset after commit");
      }
      default -> {
        // Nothing happens after the decision for the other modes.
      }
    }
  }

  /** Before a status lookup: may answer 503 instead. */
  public void beforeLookup(HttpServletRequest request, String key) {
    InjectedFault fault = draw(FaultMode.Target.LOOKUP, null, request, key);
    if (fault.mode() == FaultMode.STATUS_UNAVAILABLE) {
      throw unavailable("injected status lookup failure");
    }
  }

  private InjectedFault draw(
      FaultMode.Target target,
      @Nullable EffectKind operation,
      HttpServletRequest request,
      String key) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return rules
        .fire(target, path, operation)
        .map(
            rule -> {
              log.info(
                  "fault {} fired: mode={} operation={} key={} path={}",
                  rule.id(),
                  rule.mode(),
                  operation,
                  key,
                  path);
              return new InjectedFault(rule.id(), rule.mode(), delayOf(rule));
            })
        .orElse(InjectedFault.NOTHING);
  }

  private Duration delayOf(FaultRule rule) {
    if (rule.latencyMs() != null) {
      return Duration.ofMillis(rule.latencyMs());
    }
    return rule.mode() == FaultMode.LATENCY ? properties.defaultLatency() : properties.hang();
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      // Shutdown cuts the hang short; keep the flag so the container sees it.
      Thread.currentThread().interrupt();
    }
  }

  private static UpstreamProblemException unavailable(String detail) {
    return new UpstreamProblemException(ProblemType.UNAVAILABLE, detail);
  }
}
