package dev.settle.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of Settle's Spring Boot apps as its own files define it: the port from its application.yml
 * ({@code ${SETTLE_GATEWAY_PORT:8080}}), the jar from its pom's finalName, the graceful-shutdown
 * time. {@code name} is the app's name everywhere under deploy/: compose service, Dockerfile, image
 * {@code settle/NAME}.
 */
record SettleApp(
    String name,
    String module,
    String portVariable,
    int port,
    String jar,
    Duration shutdownPhase,
    String temporalAddress) {

  static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+):(.*)}");
  private static final Pattern FINAL_NAME = Pattern.compile("<finalName>([^<]+)</finalName>");

  /** Spring Boot's default spring.lifecycle.timeout-per-shutdown-phase. */
  private static final Duration SPRING_DEFAULT_SHUTDOWN_PHASE = Duration.ofSeconds(30);

  static SettleApp gateway() {
    return read("gateway", "api-gateway");
  }

  static SettleApp worker() {
    return read("worker", "activities");
  }

  static SettleApp upstreamSim() {
    return read("upstream-sim", "upstream-sim");
  }

  static SettleApp[] all() {
    return new SettleApp[] {gateway(), worker(), upstreamSim()};
  }

  static Optional<SettleApp> named(String name) {
    return Arrays.stream(all()).filter(a -> a.name.equals(name)).findFirst();
  }

  /** The app's build output, relative to the repository root. */
  String jarPath() {
    return module + "/target/" + jar;
  }

  private static SettleApp read(String name, String module) {
    Path dir = DeployFiles.ROOT.resolve(module);
    JsonNode yml = DeployFiles.single(dir.resolve("src/main/resources/application.yml"));
    Matcher port = placeholder(DeployFiles.text(yml, "server", "port").orElseThrow());
    Matcher finalName = FINAL_NAME.matcher(DeployFiles.read(dir.resolve("pom.xml")));
    if (!finalName.find()) {
      throw new IllegalStateException(module + "/pom.xml has no <finalName>");
    }
    Duration shutdown =
        DeployFiles.text(yml, "spring", "lifecycle", "timeout-per-shutdown-phase")
            .map(SettleApp::defaultValue)
            .map(SettleApp::duration)
            .orElse(SPRING_DEFAULT_SHUTDOWN_PHASE);
    String temporal =
        DeployFiles.text(yml, "spring", "temporal", "connection", "target")
            .map(SettleApp::defaultValue)
            .orElse(null);
    return new SettleApp(
        name,
        module,
        port.group(1),
        Integer.parseInt(port.group(2)),
        finalName.group(1) + ".jar",
        shutdown,
        temporal);
  }

  private static Matcher placeholder(String value) {
    Matcher m = PLACEHOLDER.matcher(value);
    if (!m.matches()) {
      throw new IllegalStateException("not a ${VARIABLE:default} placeholder: " + value);
    }
    return m;
  }

  /** The default of a {@code ${VAR:default}} setting, or the value itself. */
  static String defaultValue(String value) {
    Matcher m = PLACEHOLDER.matcher(value);
    return m.matches() ? m.group(2) : value;
  }

  /** A Spring-style duration: 500ms, 5s, 2m, 1h. */
  static Duration duration(String text) {
    Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration: " + text);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  /** The port of a host:port address. */
  static int port(String address) {
    return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
  }
}
