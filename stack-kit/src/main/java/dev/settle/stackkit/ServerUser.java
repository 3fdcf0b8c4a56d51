package dev.settle.stackkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The user the test PostgreSQL runs as: this one, or {@code nobody} when this one is root. */
final class ServerUser {
  private ServerUser() {}

  /** What to put before a command so that it runs as the server user; empty when not root. */
  static List<String> prefix() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return List.of();
    }
    if (Files.isExecutable(Paths.get("/usr/bin/setpriv"))) {
      return List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--");
    }
    return List.of("runuser", "-u", "nobody", "--");
  }

  static boolean canExecute(Path file) throws IOException {
    List<String> command = new ArrayList<>(prefix());
    command.addAll(List.of("test", "-x", file.toString()));
    try {
      Process process = new ProcessBuilder(command).directory(new File("/")).start();
      return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while checking " + file, e);
    }
  }
}
