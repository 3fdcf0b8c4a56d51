package dev.settle.stackkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process that a test or a run starts beside the ones {@code bin/settle} runs (one more gateway
 * or worker), with its output in a log file. {@code bin/settle} does not know it, so it is stopped
 * with the JVM that started it, even on Ctrl-C.
 */
public final class ChildProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Process process;
  private final Path log;

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts the builder's command with stdout and stderr appended to {@code log}. */
  public static ChildProcess start(String name, ProcessBuilder builder, Path log) {
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      builder
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      ChildProcess child = new ChildProcess(name, builder.start(), log);
      Runtime.getRuntime().addShutdownHook(new Thread(child.process::destroy, name + "-stopper"));
      return child;
    } catch (IOException e) {
      throw new IllegalStateException("could not start " + name + ": " + builder.command(), e);
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  /** The HTTP status a GET of the URL answers, or 0 while nothing answers there. */
  public static int httpStatus(String url) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException notListening) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Waits until a GET of the URL answers the status; throws, with the end of the log, if the
   * process exits first or the time runs out.
   */
  public void awaitHttpStatus(String url, int status, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name
                + " exited "
                + process.exitValue()
                + " while waiting for "
                + url
                + ":\n"
                + tail(40));
      }
      if (httpStatus(url) == status) {
        return;
      }
      sleep(Duration.ofMillis(300));
    }
    throw new IllegalStateException(
        name + ": " + url + " never answered " + status + " within " + within + ":\n" + tail(40));
  }

  /** SIGTERM; SIGKILL if it has not exited after the grace. True if it exited by itself. */
  public boolean stop(Duration grace) {
    process.destroy();
    if (waitFor(grace)) {
      return true;
    }
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(30));
    return false;
  }

  /** SIGKILL: the process gets no chance to finish anything. */
  public void kill9() {
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(30));
  }

  /** The last lines of its log. */
  public String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private boolean waitFor(Duration within) {
    try {
      return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return false;
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** SIGKILL if it still runs. */
  @Override
  public void close() {
    if (process.isAlive()) {
      kill9();
    }
  }
}
