package dev.settle.gateway.problem;

import dev.settle.gateway.idempotency.IdempotencyKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A refusal the client can act on. Each kind has a stable problem type URI; {@code operationKey} is
 * echoed in the problem body when the request named one.
 */
public class ApiException extends RuntimeException {
  private final HttpStatus status;
  private final String kind;
  private final String title;
  private final String operationKey;

  /** Extra members of the problem body (e.g. the line numbers of a refused statement). */
  private final Map<String, Object> properties = new LinkedHashMap<>();

  private ApiException(
      HttpStatus status, String kind, String title, String detail, String operationKey) {
    super(detail, null, false, false);
    this.status = status;
    this.kind = kind;
    this.title = title;
    this.operationKey = operationKey;
  }

  /** A webhook that is unsigned, badly signed or outside the timestamp tolerance. */
  public static ApiException webhookSignatureInvalid(String detail) {
    return new ApiException(
        HttpStatus.UNAUTHORIZED,
        "webhook-signature-invalid",
        "Webhook signature not valid",
        detail,
        null);
  }

  /** A correctly signed webhook whose body is not a settlement Settle understands. */
  public static ApiException webhookMalformed(String detail) {
    return new ApiException(
        HttpStatus.BAD_REQUEST, "malformed-request", "Malformed webhook", detail, null);
  }

  /**
   * Signed evidence about a payment still waiting for its charge's answer: not signalled now, so
   * that it does not make the payment's only workflow task run twice; the sender retries.
   */
  public static ApiException evidenceHeld(String operationId) {
    return evidenceHeld(
        operationId, "is PENDING and waiting for the charge's own answer; send it again later.");
  }

  /** Evidence not taken in now, for the sender to send again (503 with Retry-After). */
  public static ApiException evidenceHeld(String operationId, String why) {
    return new ApiException(
        HttpStatus.SERVICE_UNAVAILABLE,
        "evidence-held",
        "Payment still being decided",
        "Operation " + operationId + " " + why,
        null);
  }

  /** A statement with lines that cannot be read; nothing of it was applied. */
  public static ApiException statementInvalid(List<Integer> lines, List<String> errors) {
    ApiException e =
        new ApiException(
            HttpStatus.UNPROCESSABLE_ENTITY,
            "statement-invalid",
            "Statement not valid",
            errors.size()
                + " line(s) of the statement cannot be read; nothing was imported. "
                + String.join("; ", errors.subList(0, Math.min(errors.size(), 10))),
            null);
    e.properties.put("lines", List.copyOf(lines));
    e.properties.put("errors", List.copyOf(errors));
    return e;
  }

  public Map<String, Object> properties() {
    return properties;
  }

  public static ApiException unauthenticated(String detail) {
    return new ApiException(
        HttpStatus.UNAUTHORIZED, "unauthenticated", "Not authenticated", detail, null);
  }

  /**
   * A key the gateway knows, but of the wrong kind: a client's key on an operator endpoint, or an
   * operator's on a client's.
   */
  public static ApiException forbidden(String detail) {
    return new ApiException(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", detail, null);
  }

  /** A verdict that names another operator than the one whose key sent it. */
  public static ApiException operatorMismatch(String named, String authenticated) {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        "operator-mismatch",
        "Operator is not the key's holder",
        "The verdict names operator '"
            + named
            + "', but the key is "
            + authenticated
            + "'s. The operator is taken from the key: leave 'operator' out.",
        null);
  }

  /** A query parameter the gateway refuses before Spring MVC binds it. */
  public static ApiException invalidParameter(String name, String detail) {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        ProblemAdvice.INVALID_PARAMETER,
        "Invalid query parameter",
        name + ": " + detail,
        null);
  }

  public static ApiException missingIdempotencyKey() {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        "idempotency-key-missing",
        "Idempotency-Key required",
        "Mutating requests need an Idempotency-Key header: 1-"
            + IdempotencyKey.MAX_LENGTH
            + " printable ASCII characters.",
        null);
  }

  public static ApiException invalidIdempotencyKey(String detail) {
    return new ApiException(
        HttpStatus.BAD_REQUEST, "idempotency-key-invalid", "Invalid Idempotency-Key", detail, null);
  }

  public static ApiException keyReused(String key) {
    return new ApiException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        "idempotency-key-reused",
        "Idempotency-Key reused with another payload",
        "This key was first used with a different request body; the existing operation is unchanged.",
        key);
  }

  public static ApiException inProgress(String key) {
    return new ApiException(
        HttpStatus.CONFLICT,
        "operation-in-progress",
        "Operation in progress",
        "A request with this Idempotency-Key is still being processed (you asked for "
            + "Prefer: idempotency=strict); poll the status URL instead.",
        key);
  }

  public static ApiException bodyTooLarge(long limit) {
    return new ApiException(
        HttpStatus.PAYLOAD_TOO_LARGE,
        "body-too-large",
        "Request body too large",
        "Request bodies may be at most " + limit + " bytes.",
        null);
  }

  public static ApiException notInManualReview(String key, Object status) {
    return new ApiException(
        HttpStatus.CONFLICT,
        "not-in-manual-review",
        "Operation not waiting for an operator",
        "Only an operation in MANUAL_REVIEW can be resolved; this one is " + status + ".",
        key);
  }

  public static ApiException operationNotFound(String key) {
    return new ApiException(
        HttpStatus.NOT_FOUND,
        "operation-not-found",
        "Operation not found",
        "No operation has this key.",
        key);
  }

  public static ApiException notStarted(String key) {
    return new ApiException(
        HttpStatus.SERVICE_UNAVAILABLE,
        "operation-not-started",
        "Operation not started",
        "The workflow engine did not answer in time and the operation was not recorded; "
            + "retrying with the same Idempotency-Key is safe.",
        key);
  }

  public static ApiException overloaded() {
    return new ApiException(
        HttpStatus.SERVICE_UNAVAILABLE,
        "overloaded",
        "Too many requests in flight",
        "The gateway is at its concurrency limit and did not start the operation; retry later.",
        null);
  }

  public static ApiException engineUnavailable(String key) {
    return new ApiException(
        HttpStatus.SERVICE_UNAVAILABLE,
        "engine-unavailable",
        "Workflow engine unavailable",
        "Temporal could not be reached; retrying with the same Idempotency-Key is safe.",
        key);
  }

  public HttpStatus status() {
    return status;
  }

  public String kind() {
    return kind;
  }

  public String title() {
    return title;
  }

  public String operationKey() {
    return operationKey;
  }
}
