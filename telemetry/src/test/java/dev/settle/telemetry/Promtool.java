package dev.settle.telemetry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** {@code promtool check metrics}: Prometheus's own lint of a scrape. */
final class Promtool {
  private Promtool() {}

  /** promtool's findings on the exposition text (empty: none); fails when promtool fails to run. */
  static String checkMetrics(String exposition) throws IOException, InterruptedException {
    Path input = Files.createTempFile("scrape", ".txt");
    try {
      Files.writeString(input, exposition);
      Process process =
          new ProcessBuilder(binary(), "check", "metrics")
              .redirectInput(input.toFile())
              .redirectErrorStream(true)
              .start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("promtool check metrics did not finish in 30 s");
      }
      return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    } finally {
      Files.deleteIfExists(input);
    }
  }

  static String binary() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path candidate = Path.of(dir, "promtool");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new AssertionError(
        "promtool not found on PATH: bin/settle install (Debian's prometheus package) installs it");
  }
}
