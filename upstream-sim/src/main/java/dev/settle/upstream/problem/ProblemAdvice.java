package dev.settle.upstream.problem;

import dev.settle.upstream.idempotency.Idempotency;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * The one place errors become RFC 9457 problem details. Spring's own exceptions (malformed JSON,
 * missing header, bad media type, ...) come through {@link ResponseEntityExceptionHandler} and only
 * get a stable type URI added here, so bad input is never a 500.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

  @ExceptionHandler(UpstreamProblemException.class)
  ResponseEntity<ProblemDetail> upstreamProblem(UpstreamProblemException e) {
    ProblemType type = e.type();
    ProblemDetail body = ProblemDetail.forStatusAndDetail(type.status(), e.getMessage());
    body.setType(type.uri());
    body.setTitle(type.title());
    e.properties().forEach(body::setProperty);
    return ResponseEntity.status(type.status()).body(body);
  }

  /** The fault already closed the connection; the response parameter marks it handled. */
  @ExceptionHandler(ResponseDroppedException.class)
  void responseDropped(ResponseDroppedException e, HttpServletResponse response) {
    log.debug("response deliberately dropped: {}", e.getMessage());
  }

  @ExceptionHandler(Exception.class)
  @Nullable
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
      // Normal after a hanging fault: the caller gave up long ago.
      log.debug("client went away: {}", e.toString());
      return null;
    }
    log.error("unexpected failure", e);
    return upstreamProblem(new UpstreamProblemException(ProblemType.INTERNAL, "Unexpected error"));
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail body = ex.getBody();
    List<Map<String, String>> errors =
        ex.getFieldErrors().stream()
            .map(
                f ->
                    Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
            .toList();
    body.setDetail("Invalid request content: " + errors.size() + " field(s) rejected");
    body.setProperty("errors", errors);
    return handleExceptionInternal(ex, body, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex,
      @Nullable Object body,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ResponseEntity<Object> response =
        super.handleExceptionInternal(ex, body, headers, status, request);
    if (response != null && response.getBody() instanceof ProblemDetail problem) {
      ProblemType type = typeOf(ex, status);
      problem.setType(type.uri());
      if (type == ProblemType.MISSING_IDEMPOTENCY_KEY) {
        problem.setTitle(type.title());
      }
    }
    return response;
  }

  private static ProblemType typeOf(Exception ex, HttpStatusCode status) {
    if (ex instanceof MissingRequestHeaderException missing
        && Idempotency.KEY_HEADER.equalsIgnoreCase(missing.getHeaderName())) {
      return ProblemType.MISSING_IDEMPOTENCY_KEY;
    }
    return switch (status.value()) {
      case 400 -> ProblemType.INVALID_REQUEST;
      case 404 -> ProblemType.NOT_FOUND;
      case 405 -> ProblemType.METHOD_NOT_ALLOWED;
      case 406 -> ProblemType.NOT_ACCEPTABLE;
      case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
      case 503 -> ProblemType.UNAVAILABLE;
      default -> status.is4xxClientError() ? ProblemType.INVALID_REQUEST : ProblemType.INTERNAL;
    };
  }
}
