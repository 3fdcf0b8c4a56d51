package dev.settle.gateway.idempotency;

import dev.settle.gateway.GatewayProperties;
import dev.settle.gateway.TemporalNamespace;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * How long a key is remembered: a finished operation's workflow is kept for the namespace's
 * retention period, and until then the key replays its outcome; afterwards it may start a new
 * operation. Read from Temporal (so the advertised value is the real one), cached, with the
 * configured value as the fallback while Temporal cannot be asked.
 */
@Component
public class KeyRetention {
  private static final Logger log = LoggerFactory.getLogger(KeyRetention.class);
  private static final Duration REFRESH = Duration.ofMinutes(10);

  private final TemporalNamespace namespace;
  private final Duration configured;
  private final AtomicReference<Cached> cached = new AtomicReference<>();

  public KeyRetention(TemporalNamespace namespace, GatewayProperties properties) {
    this.namespace = namespace;
    this.configured = properties.keyRetention();
  }

  private record Cached(Duration retention, long readAtNanos) {}

  public Duration retention() {
    Cached current = cached.get();
    if (current != null && System.nanoTime() - current.readAtNanos() < REFRESH.toNanos()) {
      return current.retention();
    }
    try {
      com.google.protobuf.Duration ttl =
          namespace.describe().getConfig().getWorkflowExecutionRetentionTtl();
      Duration retention = Duration.ofSeconds(ttl.getSeconds(), ttl.getNanos());
      cached.set(new Cached(retention, System.nanoTime()));
      return retention;
    } catch (RuntimeException unreachable) {
      log.debug(
          "Namespace retention unknown, advertising the configured {}: {}",
          configured,
          unreachable.toString());
      return current != null ? current.retention() : configured;
    }
  }
}
