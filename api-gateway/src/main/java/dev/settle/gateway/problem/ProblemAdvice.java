package dev.settle.gateway.problem;

import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowServiceException;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error leaves the gateway as RFC 9457 problem details with a stable type URI per kind. */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
  public static final String TYPE_BASE = "https://settle.dev/problems/";
  static final String INVALID_PARAMETER = "invalid-parameter";

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> onApiException(ApiException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    problem.setType(URI.create(TYPE_BASE + e.kind()));
    problem.setTitle(e.title());
    if (e.operationKey() != null) {
      problem.setProperty("operationKey", e.operationKey());
    }
    e.properties().forEach(problem::setProperty);
    ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
    if (e.status() == HttpStatus.UNAUTHORIZED) {
      // Webhooks authenticate by their signature, everything else by a bearer key.
      String scheme = e.kind().equals("webhook-signature-invalid") ? "Settle-Signature" : "Bearer";
      response.header(HttpHeaders.WWW_AUTHENTICATE, scheme + " realm=\"settle\"");
    }
    if (e.status() == HttpStatus.SERVICE_UNAVAILABLE) {
      response.header(HttpHeaders.RETRY_AFTER, "1");
    }
    return response.body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem = e.getBody();
    problem.setType(URI.create(TYPE_BASE + "invalid-request"));
    problem.setTitle("Invalid request body");
    List<String> errors =
        e.getBindingResult().getFieldErrors().stream()
            .map(error -> error.getField() + ": " + error.getDefaultMessage())
            .sorted()
            .toList();
    problem.setDetail(String.join("; ", errors));
    problem.setProperty("errors", errors);
    return handleExceptionInternal(e, problem, headers, status, request);
  }

  /** A query parameter out of its bounds ({@code limit=0}). */
  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<String> errors =
        e.getParameterValidationResults().stream()
            .flatMap(
                result ->
                    result.getResolvableErrors().stream()
                        .map(
                            error ->
                                result.getMethodParameter().getParameterName()
                                    + ": "
                                    + error.getDefaultMessage()))
            .sorted()
            .toList();
    ProblemDetail problem = invalidParameter(status, String.join("; ", errors));
    problem.setProperty("errors", errors);
    return handleExceptionInternal(e, problem, headers, status, request);
  }

  /** A query parameter that is not of its type ({@code limit=abc}, {@code status=BOGUS}). */
  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String name = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
    ProblemDetail problem = invalidParameter(status, name + ": not a valid value");
    return handleExceptionInternal(e, problem, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(
      MissingServletRequestParameterException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem = invalidParameter(status, e.getParameterName() + ": required");
    return handleExceptionInternal(e, problem, headers, status, request);
  }

  /**
   * Spring MVC's own refusals (415, 405, 406, ...) come as problems of type {@code about:blank};
   * they get a type of ours too, named after their status, so a client can match every answer by
   * type.
   */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ResponseEntity<Object> response =
        super.handleExceptionInternal(e, body, headers, status, request);
    HttpStatus known = HttpStatus.resolve(status.value());
    if (response != null
        && response.getBody() instanceof ProblemDetail problem
        && URI.create("about:blank").equals(problem.getType())
        && known != null) {
      problem.setType(URI.create(TYPE_BASE + known.name().toLowerCase().replace('_', '-')));
    }
    return response;
  }

  private static ProblemDetail invalidParameter(HttpStatusCode status, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPE_BASE + INVALID_PARAMETER));
    problem.setTitle("Invalid query parameter");
    return problem;
  }

  /** Temporal unreachable: nothing was decided, so retrying is safe. */
  @ExceptionHandler({StatusRuntimeException.class, WorkflowServiceException.class})
  ResponseEntity<ProblemDetail> onEngineUnavailable(RuntimeException e) {
    log.warn("Temporal call failed: {}", e.toString());
    return onApiException(ApiException.engineUnavailable(null));
  }

  /** The last line: a bug must still answer as a problem, and be logged with its stack. */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> onUnexpected(Exception e) {
    log.error("Unexpected failure", e);
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred.");
    problem.setType(URI.create(TYPE_BASE + "internal"));
    problem.setTitle("Internal error");
    return ResponseEntity.internalServerError().body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    BodySizeLimitFilter.BodyTooLargeException over =
        cause(e, BodySizeLimitFilter.BodyTooLargeException.class);
    if (over != null) {
      ApiException tooLarge = ApiException.bodyTooLarge(over.limit);
      return new ResponseEntity<>(onApiException(tooLarge).getBody(), tooLarge.status());
    }
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            status, "The request body is missing or is not valid JSON of the expected shape.");
    problem.setType(URI.create(TYPE_BASE + "malformed-request"));
    problem.setTitle("Malformed request body");
    return handleExceptionInternal(e, problem, headers, status, request);
  }

  private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
