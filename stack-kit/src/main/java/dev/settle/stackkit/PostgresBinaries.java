package dev.settle.stackkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Finds PostgreSQL's server binaries ({@code SETTLE_PG_BIN}, else {@code
 * /usr/lib/postgresql/<version>/bin}) where the server user can execute them.
 */
final class PostgresBinaries {
  private static final Path DEFAULT_BIN_PARENT = Paths.get("/usr/lib/postgresql");

  private PostgresBinaries() {}

  /** The folder of initdb, pg_ctl and postgres; fails loudly when there is none. */
  static Path find() throws IOException {
    return reachableByServerUser(configuredOrInstalled());
  }

  /**
   * As root the server runs as 'nobody', who cannot execute binaries kept under a 0700 folder (such
   * as a clone's .tools/). Then the whole distribution (bin, lib, share) is copied once to
   * /var/tmp, readable by all, and reused by later runs.
   */
  private static Path reachableByServerUser(Path binDir) throws IOException {
    if (ServerUser.prefix().isEmpty() || ServerUser.canExecute(binDir.resolve("postgres"))) {
      return binDir;
    }
    Path dist = binDir.toRealPath().getParent();
    String name = "settle-test-pg-dist-" + Integer.toHexString(dist.toString().hashCode());
    Path mirror = Paths.get("/var/tmp", name);
    if (!ServerUser.canExecute(mirror.resolve("bin/postgres"))) {
      Path staging = Paths.get(mirror + ".tmp-" + UUID.randomUUID());
      Commands.run(List.of("cp", "-a", dist.toString(), staging.toString()), Paths.get("/"));
      Commands.run(List.of("chmod", "-R", "a+rX", staging.toString()), Paths.get("/"));
      try {
        Files.move(staging, mirror, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException anotherRunWasFaster) {
        Commands.deleteRecursively(staging);
      }
    }
    return mirror.resolve("bin");
  }

  private static Path configuredOrInstalled() {
    String fromEnv = System.getenv("SETTLE_PG_BIN");
    if (fromEnv != null && !fromEnv.isBlank()) {
      Path dir = Paths.get(fromEnv);
      if (!Files.isExecutable(dir.resolve("initdb"))
          || !Files.isExecutable(dir.resolve("pg_ctl"))) {
        throw new IllegalStateException(
            "SETTLE_PG_BIN=" + fromEnv + " does not contain executable initdb and pg_ctl");
      }
      return dir;
    }
    return newestInstalled()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "No PostgreSQL server binaries found: set SETTLE_PG_BIN to a directory with"
                        + " initdb, pg_ctl and postgres, or install them (Debian: apt-get install"
                        + " postgresql-15). The integration tests need a real PostgreSQL."));
  }

  /** The preferred version 15 if present, else the newest under /usr/lib/postgresql. */
  private static Optional<Path> newestInstalled() {
    Path preferred = DEFAULT_BIN_PARENT.resolve("15/bin");
    if (Files.isExecutable(preferred.resolve("initdb"))) {
      return Optional.of(preferred);
    }
    if (!Files.isDirectory(DEFAULT_BIN_PARENT)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(DEFAULT_BIN_PARENT)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparing(PostgresBinaries::majorVersion));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int majorVersion(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
