package dev.settle.gateway.operation;

import dev.settle.gateway.GatewayProperties;
import dev.settle.gateway.idempotency.IdempotencyKey;
import dev.settle.gateway.idempotency.KeyRetention;
import dev.settle.gateway.operation.OperationSubmissions.Submission;
import dev.settle.gateway.problem.ApiException;
import dev.settle.workflows.operation.OperationSnapshot;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** The headers every operation answer carries: where to poll, and when, while it is not final. */
@Component
public class OperationResponses {
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";

  /** Seconds a finished operation's key keeps replaying its outcome (the namespace retention). */
  public static final String RETENTION_HEADER = "Idempotency-Key-Retention";

  private final GatewayProperties properties;
  private final KeyRetention retention;

  public OperationResponses(GatewayProperties properties, KeyRetention retention) {
    this.properties = properties;
    this.retention = retention;
  }

  /**
   * 201 when decided, else 202; 409 instead for a strict client that merely attached to a request
   * still in flight.
   */
  public ResponseEntity<OperationView> afterSubmission(
      String key, String prefer, Submission submission) {
    boolean decided = submission.state().status().isFinal();
    if (IdempotencyKey.prefersStrict(prefer) && submission.replayed() && !decided) {
      throw ApiException.inProgress(key);
    }
    return respond(
        decided ? HttpStatus.CREATED : HttpStatus.ACCEPTED,
        submission.state(),
        OperationView.decision(submission.state()),
        submission.replayed());
  }

  public ResponseEntity<OperationView> respond(
      HttpStatus status, OperationSnapshot state, boolean replayed) {
    return respond(status, state, OperationView.of(state), replayed);
  }

  public ResponseEntity<OperationView> respond(
      HttpStatus status, OperationSnapshot state, OperationView view, boolean replayed) {
    ResponseEntity.BodyBuilder response =
        ResponseEntity.status(status)
            .header(HttpHeaders.LOCATION, location(state.idempotencyKey()).toString());
    if (!state.status().isFinal()) {
      response.header(
          HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, properties.retryAfter().toSeconds())));
    }
    response.header(RETENTION_HEADER, Long.toString(retention.retention().toSeconds()));
    if (replayed) {
      response.header(REPLAYED_HEADER, "true");
    }
    return response.body(view);
  }

  public static URI location(String key) {
    return URI.create(
        "/v1/operations/" + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20"));
  }
}
