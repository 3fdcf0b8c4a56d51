package dev.settle.e2e;

import dev.settle.stackkit.LocalStack;
import dev.settle.stackkit.StackTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole system, started once per test run through the real front door ({@code bin/settle up})
 * on free loopback ports with its own state folder, and stopped ({@code bin/settle down}) when the
 * run ends. Reconciliation and callback timings are shortened so ambiguous paths settle, and
 * failing callbacks give up, in seconds.
 */
public final class SettleStack
    implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {
  static final String CALLBACK_SECRET = "e2e-callback-secret";
  private static SettleStack started;

  private final LocalStack stack;
  final Path repo;
  final Path home;
  final Map<String, String> env;

  /**
   * The stack most tests share, on the engine SETTLE_ENGINE names ({@code dev} unless the run was
   * started with {@code SETTLE_ENGINE=cluster bin/settle test}).
   */
  public static synchronized SettleStack get() {
    if (started == null) {
      started = new SettleStack();
      started.up();
    }
    return started;
  }

  /**
   * A stack of its own on Temporal's server (SETTLE_ENGINE=cluster: 8 history shards, PostgreSQL),
   * whatever engine the shared one runs on; the caller closes it.
   */
  public static SettleStack startCluster() {
    SettleStack cluster =
        new SettleStack(Map.of("SETTLE_ENGINE", "cluster"), "e2e/target/stack-cluster");
    cluster.up();
    return cluster;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    SettleStack stack = get();
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(SettleStack.class, k -> stack);
  }

  /**
   * The instance JUnit makes for {@code @ExtendWith(SettleStack.class)}; its beforeAll starts the
   * shared stack.
   */
  private SettleStack() {
    this(Map.of(), "e2e/target/stack");
  }

  private SettleStack(Map<String, String> engine, String stateDir) {
    Path repo = Path.of(System.getProperty("settle.repo", "..")).toAbsolutePath().normalize();
    Map<String, String> settings = LocalStack.quickReconciliation("30s");
    // Wired (URL and secret from bin/settle) but switched off: most tests need the status lookup to
    // be the only source of truth; EvidenceIT switches webhooks on through upstream-sim's admin
    // API.
    settings.put("SETTLE_UPSTREAM_WEBHOOKS_ENABLED", "false");
    // Client callbacks: quick retries and a short horizon, so a failing receiver shows as FAILED.
    settings.put("SETTLE_CALLBACK_SECRET", CALLBACK_SECRET);
    settings.put("SETTLE_CALLBACK_INITIAL_BACKOFF", "300ms");
    settings.put("SETTLE_CALLBACK_MAX_BACKOFF", "1s");
    settings.put("SETTLE_CALLBACK_HORIZON", "8s");
    // A call the upstream did not execute is retried for 1 min here (10 min by default), so a test
    // of "never executed" ends FAILED within a minute; long enough for a killed worker to be back
    // before it ends (WorkerRestartIT).
    settings.put("SETTLE_UPSTREAM_NOT_EXECUTED_HORIZON", "60s");
    // Prometheus, when PrometheusIT starts it: scrapes and rule evaluations every 2 s.
    settings.put("SETTLE_PROMETHEUS_INTERVAL", "2s");
    settings.putAll(engine);
    this.stack = LocalStack.create(repo, repo.resolve(stateDir), settings);
    this.repo = stack.repo();
    this.home = stack.home();
    this.env = stack.env();
  }

  private void up() {
    stack.up();
    try {
      warmUp();
    } catch (RuntimeException failed) {
      try {
        stack.close();
      } catch (RuntimeException alsoFailed) {
        failed.addSuppressed(alsoFailed);
      }
      throw failed;
    }
  }

  /**
   * One payment through every part before the tests, so that the first test's answer is not slowed
   * past the decision budget by class loading and JIT in freshly started JVMs.
   */
  private void warmUp() {
    SettleApi api = new SettleApi(this);
    for (int i = 0; i < 3; i++) {
      String key = "warm-up-" + i;
      api.pay(key, SettleApi.paymentBody("warm", "up", "0.01"));
      api.awaitStatus(key, "CONFIRMED", Duration.ofSeconds(60));
    }
  }

  /** Runs {@code bin/settle <args>} against this stack and fails the test if it fails. */
  public String settle(String... args) {
    return stack.settle(args);
  }

  /** Runs the project's Temporal CLI against this stack's dev server. */
  public String temporal(String... args) {
    List<String> command = new ArrayList<>();
    command.add(temporalBinary().toString());
    command.addAll(List.of(args));
    command.add("--address");
    command.add(target().temporalAddress());
    return stack.command().run(Duration.ofMinutes(1), command.toArray(String[]::new));
  }

  Path temporalBinary() {
    Path tools = tools();
    for (Path candidate :
        List.of(tools.resolve("venv/bin/temporal"), tools.resolve("bin/temporal"))) {
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("No temporal CLI under " + tools + "; run bin/settle install");
  }

  /** The pinned API fuzzer, installed by {@code bin/settle install} and {@code bin/settle test}. */
  Path schemathesisBinary() {
    Path binary = tools().resolve("venv/bin/schemathesis");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException("No " + binary + "; run bin/settle install");
    }
    return binary;
  }

  private Path tools() {
    return target().tools();
  }

  /** Its host, ports, folders and jars, as bin/settle resolves them for this stack. */
  public StackTarget target() {
    return stack.target();
  }

  public String gatewayUrl() {
    return target().gatewayUrl();
  }

  public String workerUrl() {
    return target().workerUrl();
  }

  public String upstreamUrl() {
    return target().upstreamUrl();
  }

  public String ledgerJdbcUrl() {
    return target().jdbcUrl("settle");
  }

  @Override
  public void close() {
    stack.close();
  }
}
