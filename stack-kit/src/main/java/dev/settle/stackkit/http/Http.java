package dev.settle.stackkit.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * Plain JSON over HTTP/1.1 to a stack's parts: one pool of keep-alive connections (so connection
 * setup is not part of what a load measures), every transport failure turned into an {@link Answer}
 * rather than thrown (so a run under faults can count it).
 */
public final class Http {
  public static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client;
  private final Duration requestTimeout;

  /**
   * @param connectTimeout how long a connection may take to open
   * @param requestTimeout how long a request may take to be answered, once sent
   */
  public Http(Duration connectTimeout, Duration requestTimeout) {
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            // Daemon threads: a run that ends must not wait for the pool's idle threads.
            .executor(
                Executors.newCachedThreadPool(
                    r -> {
                      Thread thread = new Thread(r, "settle-http");
                      thread.setDaemon(true);
                      return thread;
                    }))
            .build();
    this.requestTimeout = requestTimeout;
  }

  /**
   * What came back: an HTTP status and body, or (status 0) the reason none came: {@code CONNECT}
   * (nothing listening: the part is down), {@code TIMEOUT} or {@code IO} (a connection dropped).
   */
  public record Answer(int status, JsonNode body, String error, long tookMillis) {
    public boolean transportFailure() {
      return status == 0;
    }

    /** A top-level field of the body as text, or null when there is none. */
    public String text(String field) {
      JsonNode value = body == null ? null : body.get(field);
      return value == null || value.isNull() ? null : value.asText();
    }

    /** The last segment of a problem's {@code type}, e.g. {@code engine-unavailable}. */
    public String problemType() {
      String type = text("type");
      return type == null ? null : type.substring(type.lastIndexOf('/') + 1);
    }

    /**
     * The operation status, the problem type of an error, or the transport failure: stable across
     * operations, so that answers of one kind count together in a report.
     */
    public String gist() {
      if (transportFailure()) {
        return "no answer (" + error + ")";
      }
      String status = body != null && body.path("status").isTextual() ? text("status") : null;
      return status != null ? status : String.valueOf(text("type"));
    }

    /** This answer if its status is one of {@code expected}; else an {@link UnexpectedAnswer}. */
    public Answer expect(String what, int... expected) {
      for (int e : expected) {
        if (status == e) {
          return this;
        }
      }
      throw new UnexpectedAnswer(
          what + " answered " + (transportFailure() ? gist() : "HTTP " + status + " " + gist()));
    }
  }

  /** An answer the caller did not expect. */
  public static final class UnexpectedAnswer extends IllegalStateException {
    public UnexpectedAnswer(String message) {
      super(message);
    }

    /** No stack trace: under load these are counted by message, many per second. */
    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  public Answer send(HttpRequest.Builder request) {
    long start = System.nanoTime();
    try {
      HttpResponse<String> response =
          client.send(
              request.timeout(requestTimeout).build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), parse(response.body()), null, millisSince(start));
    } catch (HttpConnectTimeoutException | ConnectException refused) {
      return new Answer(0, null, "CONNECT", millisSince(start));
    } catch (HttpTimeoutException slow) {
      return new Answer(0, null, "TIMEOUT", millisSince(start));
    } catch (IOException dropped) {
      // The JDK client wraps a refused connection in a plain IOException on some paths.
      String kind = hasCause(dropped, ConnectException.class) ? "CONNECT" : "IO";
      return new Answer(0, null, kind, millisSince(start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Answer get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  /** POSTs the JSON, with the given header name and value pairs. */
  public Answer postJson(String url, String json, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request);
  }

  public Answer delete(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).DELETE());
  }

  /** A path segment: {@code demo/k 1} → {@code demo%2Fk%201}. */
  public static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** JSON, or the text as a JSON string when it is not JSON; null when there is no body. */
  private static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (IOException notJson) {
      return JSON.getNodeFactory().textNode(text);
    }
  }

  private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
