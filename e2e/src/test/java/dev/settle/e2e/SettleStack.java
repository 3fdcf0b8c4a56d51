package dev.settle.e2e;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole system, started once per test run through the real front door ({@code bin/settle up})
 * on free loopback ports with its own state folder, and stopped ({@code bin/settle down}) when the
 * run ends. Reconciliation and callback timings are shortened so ambiguous paths settle, and
 * failing callbacks give up, in seconds.
 */
public final class SettleStack implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {
  static final String CALLBACK_SECRET = "e2e-callback-secret";
  private static SettleStack started;

  final Path repo = Path.of(System.getProperty("settle.repo", "..")).toAbsolutePath().normalize();
  final Path home = repo.resolve("e2e/target/stack");
  final Map<String, String> env = new LinkedHashMap<>();

  public static synchronized SettleStack get() {
    if (started == null) {
      started = new SettleStack();
      started.up();
    }
    return started;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    SettleStack stack = get();
    context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(SettleStack.class, k -> stack);
  }

  private SettleStack() {
    env.put("SETTLE_HOME", home.toString());
    env.put("SETTLE_BIND", "127.0.0.1");
    for (String port :
        List.of(
            "SETTLE_GATEWAY_PORT",
            "SETTLE_UPSTREAM_PORT",
            "SETTLE_WORKER_PORT",
            "SETTLE_TEMPORAL_PORT",
            "SETTLE_TEMPORAL_UI_PORT",
            "SETTLE_PG_PORT")) {
      env.put(port, Integer.toString(freePort()));
    }
    env.put("SETTLE_NO_BUILD", "1");
    env.put("SETTLE_UPSTREAM_READ_TIMEOUT", "1500ms");
    env.put("SETTLE_RECONCILE_INITIAL_BACKOFF", "500ms");
    env.put("SETTLE_RECONCILE_MAX_BACKOFF", "2s");
    env.put("SETTLE_RECONCILE_NOT_FOUND_GRACE", "3s");
    env.put("SETTLE_RECONCILE_HORIZON", "30s");
    env.put("SETTLE_BREAKER_MIN_CALLS", "1000");
    // Wired (URL and secret from bin/settle) but switched off: most tests need the status lookup to be
    // the only source of truth; EvidenceIT switches webhooks on through upstream-sim's admin API.
    env.put("SETTLE_UPSTREAM_WEBHOOKS_ENABLED", "false");
    // Client callbacks: quick retries and a short horizon, so a failing receiver shows as FAILED.
    env.put("SETTLE_CALLBACK_SECRET", CALLBACK_SECRET);
    env.put("SETTLE_CALLBACK_INITIAL_BACKOFF", "300ms");
    env.put("SETTLE_CALLBACK_MAX_BACKOFF", "1s");
    env.put("SETTLE_CALLBACK_HORIZON", "8s");
  }

  private void up() {
    try {
      if (Files.isDirectory(home.resolve("run"))) {
        settle("down"); // a previous run that died before stopping its stack
      }
      deleteRecursively(home);
    } catch (IOException | IllegalStateException e) {
      throw new IllegalStateException("could not clear " + home, e);
    }
    try {
      settle("up");
      warmUp();
    } catch (RuntimeException failed) {
      try {
        settle("down");
      } catch (RuntimeException alsoFailed) {
        failed.addSuppressed(alsoFailed);
      }
      throw failed;
    }
  }

  /**
   * One payment through every part before the tests, so that the first test's answer is not
   * slowed past the decision budget by class loading and JIT in freshly started JVMs.
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
    return run(Duration.ofMinutes(5), prepend(repo.resolve("bin/settle").toString(), args));
  }

  /** Runs the project's Temporal CLI against this stack's dev server. */
  public String temporal(String... args) {
    String[] command = prepend(temporalBinary().toString(), args);
    String[] withAddress = new String[command.length + 2];
    System.arraycopy(command, 0, withAddress, 0, command.length);
    withAddress[command.length] = "--address";
    withAddress[command.length + 1] = "127.0.0.1:" + env.get("SETTLE_TEMPORAL_PORT");
    return run(Duration.ofMinutes(1), withAddress);
  }

  Path temporalBinary() {
    Path tools = Path.of(System.getenv().getOrDefault("SETTLE_TOOLS", repo.resolve(".tools").toString()));
    for (Path candidate : List.of(tools.resolve("venv/bin/temporal"), tools.resolve("bin/temporal"))) {
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("No temporal CLI under " + tools + "; run bin/settle install");
  }

  public String gatewayUrl() {
    return "http://127.0.0.1:" + env.get("SETTLE_GATEWAY_PORT");
  }

  public String workerUrl() {
    return "http://127.0.0.1:" + env.get("SETTLE_WORKER_PORT");
  }

  public String upstreamUrl() {
    return "http://127.0.0.1:" + env.get("SETTLE_UPSTREAM_PORT");
  }

  public String ledgerJdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + env.get("SETTLE_PG_PORT") + "/settle";
  }

  private String run(Duration timeout, String... command) {
    try {
      Path log = Files.createTempFile("settle-e2e", ".log");
      ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile());
      builder.environment().putAll(env);
      builder.redirectErrorStream(true).redirectOutput(log.toFile());
      Process process = builder.start();
      boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      String output = Files.readString(log);
      Files.deleteIfExists(log);
      if (!finished) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " timed out:\n" + output);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " exited " + process.exitValue() + ":\n" + output);
      }
      return output;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    settle("down");
  }

  private static String[] prepend(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  /**
   * A free port below Linux's ephemeral range (32768+), so that no process binding "any port"
   * (the dev server's internal services, a client socket) can take it between now and our use.
   */
  static int freePort() {
    java.util.Random random = new java.util.Random();
    for (int tries = 0; tries < 200; tries++) {
      int port = 20000 + random.nextInt(12000);
      try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("no free port in 20000-32000");
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      File[] children = path.toFile().listFiles();
      if (children != null) {
        for (File child : children) {
          deleteRecursively(child.toPath());
        }
      }
    }
    Files.delete(path);
  }
}
