package dev.settle.upstream.idempotency;

import java.net.URI;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * What a keyed operation left behind, and whether this call only replayed it.
 *
 * @param value the stored state after the call
 * @param replayed {@code true} when an earlier call under the same key had already applied it
 */
public record Outcome<T>(T value, boolean replayed) {

  /** 201 with Location when applied now; 200 with {@code Idempotent-Replayed: true} on a replay. */
  public <V> ResponseEntity<V> created(URI location, Function<T, V> view) {
    if (replayed) {
      return replay(view);
    }
    return ResponseEntity.status(HttpStatus.CREATED).location(location).body(view.apply(value));
  }

  /** 200 either way; a replay carries {@code Idempotent-Replayed: true}. */
  public <V> ResponseEntity<V> ok(Function<T, V> view) {
    return replayed ? replay(view) : ResponseEntity.ok(view.apply(value));
  }

  private <V> ResponseEntity<V> replay(Function<T, V> view) {
    return ResponseEntity.ok().header(Idempotency.REPLAYED_HEADER, "true").body(view.apply(value));
  }
}
