package dev.settle.bench.stack;

import dev.settle.stackkit.LocalStack;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stack of the bench's own: stack-kit's LocalStack (free loopback ports, its own state folder,
 * purged when it starts, so every run begins with an empty Temporal database and ledger and runs
 * compare), with its JVMs at the heap docs/performance.md measured them with.
 */
public final class BenchStack {
  /** The heap of every JVM of the stack unless SETTLE_JAVA_OPTS says otherwise. */
  static final String JAVA_OPTS = "-Xmx256m";

  private BenchStack() {}

  /** Not started yet; {@code settings} (more SETTLE_* variables) come on top. */
  public static LocalStack create(Path repo, Path home, Map<String, String> settings) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SETTLE_JAVA_OPTS", System.getenv().getOrDefault("SETTLE_JAVA_OPTS", JAVA_OPTS));
    env.putAll(settings);
    return LocalStack.create(repo, home, env);
  }
}
