package dev.settle.bench.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The bench's HTTP/1.1 client: one pool of keep-alive connections for every scenario, like the
 * worker's own client to the upstream, so connection setup is not part of what is measured.
 */
final class Http {
  /** Longer than the gateway's decision budget plus its Temporal grace (2 s + 5 s). */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final ObjectMapper json = new ObjectMapper();

  record Reply(int status, JsonNode body) {
    /** Fails the operation unless the status is one of {@code expected}. */
    Reply expect(String what, int... expected) {
      for (int e : expected) {
        if (status == e) {
          return this;
        }
      }
      throw new UnexpectedAnswer(what + " answered HTTP " + status + " " + gist());
    }

    /**
     * The operation status, or the problem type of an error: stable across operations, so errors of
     * one kind count together in the report.
     */
    String gist() {
      JsonNode status = body.path("status");
      return status.isTextual() ? status.asText() : text("type");
    }

    String text(String field) {
      return body.path(field).asText("");
    }
  }

  Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        client.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    String text = response.body();
    JsonNode body = text == null || text.isBlank() ? json.missingNode() : readOrText(text);
    return new Reply(response.statusCode(), body);
  }

  Reply postJson(URI uri, String body, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request);
  }

  private JsonNode readOrText(String text) {
    try {
      return json.readTree(text);
    } catch (IOException notJson) {
      return json.getNodeFactory().textNode(text);
    }
  }

  /** An answer the scenario did not expect; counted as an error of the operation. */
  static final class UnexpectedAnswer extends RuntimeException {
    UnexpectedAnswer(String message) {
      super(message, null, false, false);
    }
  }
}
