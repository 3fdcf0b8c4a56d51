package dev.settle.stackkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the short commands that set up and tear down a test PostgreSQL, and removes its files. */
final class Commands {
  private Commands() {}

  /** Runs a command to its end; one that fails or hangs throws with everything it printed. */
  static void run(List<String> command, Path workDir) throws IOException {
    Path output = Files.createTempFile("test-postgres-", ".out");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(
            String.join(" ", command) + " did not finish within 90 s: " + Files.readString(output));
      }
      if (process.exitValue() != 0) {
        throw new IOException(
            String.join(" ", command)
                + " exited "
                + process.exitValue()
                + ":\n"
                + Files.readString(output));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + String.join(" ", command), e);
    } finally {
      Files.deleteIfExists(output);
    }
  }

  static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // Leftovers under /var/tmp are harmless and cleaned by the OS eventually.
    }
  }
}
