package dev.settle.chaos.http;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Plain JSON over HTTP/1.1, with every failure turned into an {@link Answer} rather than thrown.
 */
public final class Http {
  public static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client;
  private final Duration timeout;

  public Http(Duration timeout) {
    ExecutorService io =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "chaos-http");
              thread.setDaemon(true);
              return thread;
            });
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .executor(io)
            .build();
    this.timeout = timeout;
  }

  /**
   * What came back: an HTTP status and body, or (status 0) the reason none came: {@code CONNECT}
   * (nothing listening: the part is down), {@code TIMEOUT} or {@code IO} (a connection dropped).
   */
  public record Answer(int status, JsonNode body, String error, long tookMillis) {
    public boolean transportFailure() {
      return status == 0;
    }

    public String text(String field) {
      JsonNode value = body == null ? null : body.get(field);
      return value == null || value.isNull() ? null : value.asText();
    }

    /** The last segment of a problem's {@code type}, e.g. {@code engine-unavailable}. */
    public String problemType() {
      String type = text("type");
      return type == null ? null : type.substring(type.lastIndexOf('/') + 1);
    }
  }

  public Answer send(HttpRequest.Builder request) {
    long start = System.nanoTime();
    try {
      HttpResponse<String> response =
          client.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = null;
      String text = response.body();
      if (text != null && !text.isBlank()) {
        try {
          body = JSON.readTree(text);
        } catch (IOException notJson) {
          body = JSON.getNodeFactory().textNode(text);
        }
      }
      return new Answer(response.statusCode(), body, null, millisSince(start));
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

  public Answer postJson(String url, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Answer delete(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).DELETE());
  }

  /** A path segment: {@code demo/k 1} → {@code demo%2Fk%201}. */
  public static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
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
