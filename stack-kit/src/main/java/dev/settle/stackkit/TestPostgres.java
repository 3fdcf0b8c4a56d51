package dev.settle.stackkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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
      bin = PostgresBinaries.find();
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
      Commands.deleteRecursively(baseDir);
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
    List<String> command = new ArrayList<>(ServerUser.prefix());
    command.add(bin.resolve(program).toString());
    command.addAll(List.of(args));
    Commands.run(command, baseDir);
  }
}
