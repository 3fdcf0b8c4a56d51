package dev.settle.stackkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for tests (upstream-sim's stores, the worker's ledger and call
 * journal): its own data directory, a free loopback port, no Unix socket, fsync off. It needs
 * PostgreSQL's server binaries ({@code SETTLE_PG_BIN}, else {@code
 * /usr/lib/postgresql/<version>/bin}) and fails loudly without them: a database test that silently
 * skips proves nothing.
 *
 * <p>PostgreSQL refuses to run as root, so as root the server runs as {@code nobody}, in a data
 * directory under /var/tmp that {@code nobody} can reach (a 0700 temp dir of root's could not).
 */
public final class TestPostgres {

  private static final String SUPERUSER = "postgres";
  private static final Path DEFAULT_BIN_PARENT = Paths.get("/usr/lib/postgresql");

  private final String database;
  private Path baseDir;
  private Path bin;
  private int port;
  private Thread shutdownHook;

  public TestPostgres(String database) {
    this.database = database;
  }

  /** Starts the server (once) and returns the JDBC URL of a fresh, empty database. */
  public synchronized String start() {
    if (baseDir != null) {
      return jdbcUrl();
    }
    try {
      bin = reachableByServerUser(findBinaries());
      baseDir = Paths.get("/var/tmp", "settle-test-pg-" + UUID.randomUUID());
      Files.createDirectories(baseDir);
      // Explicit, because the umask would otherwise decide whether 'nobody' may write here.
      Files.setPosixFilePermissions(baseDir, PosixFilePermissions.fromString("rwxrwxrwx"));
      port = LoopbackPorts.free();
      run(
          "initdb",
          "-D",
          dataDir().toString(),
          "-U",
          SUPERUSER,
          "--auth=trust",
          "-E",
          "UTF8",
          "--no-locale");
      run(
          "pg_ctl",
          "-D",
          dataDir().toString(),
          "-l",
          baseDir.resolve("postgres.log").toString(),
          "-w",
          "-t",
          "60",
          "-o",
          "-p "
              + port
              + " -k '' -c listen_addresses=127.0.0.1 -c fsync=off"
              + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=100",
          "start");
      shutdownHook = new Thread(this::stopQuietly, "test-postgres-stop");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
      createDatabase();
      return jdbcUrl();
    } catch (IOException | SQLException e) {
      stopQuietly();
      throw new IllegalStateException("could not start a test PostgreSQL: " + e.getMessage(), e);
    }
  }

  public synchronized String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public String username() {
    return SUPERUSER;
  }

  /** Stops the server and deletes its files. Safe to call twice. */
  public synchronized void stop() {
    if (baseDir == null) {
      return;
    }
    try {
      if (Files.exists(dataDir().resolve("postmaster.pid"))) {
        run("pg_ctl", "-D", dataDir().toString(), "-m", "immediate", "-w", "stop");
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not stop the test PostgreSQL", e);
    } finally {
      deleteRecursively(baseDir);
      baseDir = null;
      if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
        try {
          Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
          // The hook is running or about to; nothing left to undo.
        }
      }
    }
  }

  private void stopQuietly() {
    try {
      stop();
    } catch (RuntimeException ignored) {
      // Best effort on the way out; the failure that brought us here matters more.
    }
  }

  private Path dataDir() {
    return baseDir.resolve("data");
  }

  private void createDatabase() throws SQLException {
    String adminUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    try (Connection c = DriverManager.getConnection(adminUrl, SUPERUSER, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE \"" + database + "\"");
    }
  }

  private void run(String program, String... args) throws IOException {
    List<String> command = new ArrayList<>(asUnprivilegedUser());
    command.add(bin.resolve(program).toString());
    command.addAll(List.of(args));
    exec(command, baseDir);
  }

  private static void exec(List<String> command, Path workDir) throws IOException {
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

  /**
   * As root the server runs as 'nobody', who cannot execute binaries kept under a 0700 folder (such
   * as a clone's .tools/). Then the whole distribution (bin, lib, share) is copied once to
   * /var/tmp, readable by all, and reused by later runs.
   */
  private static Path reachableByServerUser(Path binDir) throws IOException {
    if (asUnprivilegedUser().isEmpty() || canServerUserExecute(binDir.resolve("postgres"))) {
      return binDir;
    }
    Path dist = binDir.toRealPath().getParent();
    String name = "settle-test-pg-dist-" + Integer.toHexString(dist.toString().hashCode());
    Path mirror = Paths.get("/var/tmp", name);
    if (!canServerUserExecute(mirror.resolve("bin/postgres"))) {
      Path staging = Paths.get(mirror + ".tmp-" + UUID.randomUUID());
      exec(List.of("cp", "-a", dist.toString(), staging.toString()), Paths.get("/"));
      exec(List.of("chmod", "-R", "a+rX", staging.toString()), Paths.get("/"));
      try {
        Files.move(staging, mirror, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException anotherRunWasFaster) {
        deleteRecursively(staging);
      }
    }
    return mirror.resolve("bin");
  }

  private static boolean canServerUserExecute(Path file) throws IOException {
    List<String> command = new ArrayList<>(asUnprivilegedUser());
    command.addAll(List.of("test", "-x", file.toString()));
    try {
      Process process = new ProcessBuilder(command).directory(new File("/")).start();
      return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while checking " + file, e);
    }
  }

  private static List<String> asUnprivilegedUser() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return List.of();
    }
    if (Files.isExecutable(Paths.get("/usr/bin/setpriv"))) {
      return List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--");
    }
    return List.of("runuser", "-u", "nobody", "--");
  }

  private static Path findBinaries() {
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
          .max(Comparator.comparing(TestPostgres::majorVersion));
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

  private static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // Leftovers under /var/tmp are harmless and cleaned by the OS eventually.
    }
  }
}
