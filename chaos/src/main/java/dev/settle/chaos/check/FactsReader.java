package dev.settle.chaos.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.settle.chaos.http.GatewayClient;
import dev.settle.stackkit.StackTarget;
import dev.settle.stackkit.http.Http;
import dev.settle.stackkit.http.Http.Answer;
import dev.settle.workflows.operation.UpstreamKeys;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Reads the facts of one run straight from where they live: upstream-sim's tables (database {@code
 * upstream}), the ledger's table (database {@code settle}) on the stack's PostgreSQL, and each
 * operation from Temporal through the gateway. Everything of the run is found by its run id, which
 * prefixes its keys, accounts and SKUs.
 */
public final class FactsReader {
  private final StackTarget stack;

  public FactsReader(StackTarget stack) {
    this.stack = stack;
  }

  /**
   * @param known views already read (e.g. by the run's settle wait); the other keys are read now
   */
  public Facts read(String runId, Collection<String> keys, Map<String, JsonNode> known) {
    // Both forms of upstream key: {client}/{key} and, per run, {client}:{token}/{key}.
    String upstreamKeys = GatewayClient.CLIENT + "%/" + runId + "-%";
    try (Connection upstream = connect("upstream");
        Connection settle = connect("settle")) {
      return new Facts(
          operations(keys, known),
          effects(upstream, upstreamKeys),
          ledger(settle, upstreamKeys),
          balances(settle, runId),
          charges(upstream, upstreamKeys),
          stock(upstream, runId));
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the databases: " + e.getMessage(), e);
    }
  }

  private Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(stack.jdbcUrl(database), "postgres", "");
  }

  private Map<String, JsonNode> operations(Collection<String> keys, Map<String, JsonNode> known) {
    Map<String, JsonNode> views = new ConcurrentHashMap<>(known);
    dev.settle.stackkit.http.GatewayClient gateway =
        dev.settle.stackkit.http.GatewayClient.demo(
            new Http(Duration.ofSeconds(3), Duration.ofSeconds(30)), stack.gatewayUrl());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (String key : keys) {
        if (!views.containsKey(key)) {
          pool.submit(
              () -> {
                Answer answer = gateway.operation(key);
                if (answer.status() == 200) {
                  views.put(key, answer.body());
                } else if (answer.status() == 404) {
                  views.put(key, Http.JSON.nullNode());
                }
              });
        }
      }
      pool.shutdown();
      if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
        throw new IllegalStateException("reading the operations took over 30 min");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      pool.shutdownNow();
    }
    return Map.copyOf(views);
  }

  private static Map<String, Map<String, Integer>> effects(Connection db, String like)
      throws SQLException {
    Map<String, Map<String, Integer>> effects = new HashMap<>();
    try (PreparedStatement query =
        db.prepareStatement(
            "select idempotency_key, kind, count(*) from effect where idempotency_key like ? group by 1, 2")) {
      query.setString(1, like);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          effects
              .computeIfAbsent(operationOf(rows.getString(1)), k -> new HashMap<>())
              .merge(rows.getString(2), rows.getInt(3), Integer::sum);
        }
      }
    }
    return effects;
  }

  private static Map<String, List<LedgerRow>> ledger(Connection db, String like)
      throws SQLException {
    Map<String, List<LedgerRow>> ledger = new HashMap<>();
    try (PreparedStatement query =
        db.prepareStatement(
            "select operation_id, id, kind, account, direction, amount, currency, reverses_entry_id"
                + " from ledger_entry where operation_id like ? order by id")) {
      query.setString(1, like);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          long reverses = rows.getLong(8);
          ledger
              .computeIfAbsent(operationOf(rows.getString(1)), k -> new ArrayList<>())
              .add(
                  new LedgerRow(
                      rows.getLong(2),
                      rows.getString(3),
                      rows.getString(4),
                      rows.getString(5),
                      rows.getBigDecimal(6),
                      rows.getString(7),
                      rows.wasNull() ? null : reverses));
        }
      }
    }
    return ledger;
  }

  private static Map<String, BigDecimal> balances(Connection db, String runId) throws SQLException {
    Map<String, BigDecimal> balances = new HashMap<>();
    try (PreparedStatement query =
        db.prepareStatement(
            "select account, balance from account_balance where account like ? or account like ?")) {
      query.setString(1, runId + ".%");
      query.setString(2, "blocked-" + runId + ".%");
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          balances.put(rows.getString(1), rows.getBigDecimal(2));
        }
      }
    }
    return balances;
  }

  private static Map<String, BigDecimal> charges(Connection db, String like) throws SQLException {
    Map<String, BigDecimal> charges = new HashMap<>();
    try (PreparedStatement query =
        db.prepareStatement(
            "select idempotency_key, amount from payment where idempotency_key like ?")) {
      query.setString(1, like);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          charges.merge(operationOf(rows.getString(1)), rows.getBigDecimal(2), BigDecimal::add);
        }
      }
    }
    return charges;
  }

  /**
   * The workflow ID an upstream key or ledger reference belongs to: the checks are per operation,
   * and a second run of a key (never made by a chaos run) shows as a second effect, not as noise.
   */
  private static String operationOf(String upstreamKey) {
    return UpstreamKeys.workflowIdOf(upstreamKey).orElse(upstreamKey);
  }

  private static Map<String, Long> stock(Connection db, String runId) throws SQLException {
    Map<String, Long> stock = new HashMap<>();
    try (PreparedStatement query =
        db.prepareStatement("select sku, available from stock where sku like ?")) {
      query.setString(1, runId + "-sku%");
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          stock.put(rows.getString(1), rows.getLong(2));
        }
      }
    }
    return stock;
  }
}
