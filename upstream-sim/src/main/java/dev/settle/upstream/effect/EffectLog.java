package dev.settle.upstream.effect;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Append-only record of side effects. Callers write to it inside the transaction that performs the
 * effect, so a row exists exactly when the effect committed.
 */
@Repository
public class EffectLog {

  private final JdbcClient jdbc;

  EffectLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void record(String key, EffectKind kind) {
    jdbc.sql("INSERT INTO effect (idempotency_key, kind) VALUES (:key, :kind)")
        .param("key", key)
        .param("kind", kind.code())
        .update();
  }

  /**
   * Counts rows as they are: a duplicate effect must show up as 2, never be folded into 1. Every
   * known kind is reported, 0 when absent, so a caller can assert "not applied" without special
   * cases.
   */
  Map<String, Long> countByKind(String key) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (EffectKind kind : EffectKind.values()) {
      counts.put(kind.code(), 0L);
    }
    jdbc.sql(
            "SELECT kind, count(*) AS n FROM effect WHERE idempotency_key = :key"
                + " GROUP BY kind ORDER BY kind")
        .param("key", key)
        .query((rs, row) -> Map.entry(rs.getString("kind"), rs.getLong("n")))
        .list()
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return counts;
  }
}
