package dev.settle.upstream.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;

/** Every kind of problem the sim answers with; the type URI is a stable contract for callers. */
public enum ProblemType {
  INVALID_REQUEST(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request"),
  MISSING_IDEMPOTENCY_KEY(
      HttpStatus.BAD_REQUEST, "missing-idempotency-key", "Idempotency-Key header required"),
  INVALID_FAULT(HttpStatus.BAD_REQUEST, "invalid-fault", "Invalid fault rule"),
  INSUFFICIENT_FUNDS(HttpStatus.PAYMENT_REQUIRED, "insufficient-funds", "Insufficient funds"),
  DECLINED(HttpStatus.FORBIDDEN, "declined", "Payment declined"),
  /** Same type as {@link #DECLINED}, only the title names what was declined. */
  ORDER_DECLINED(HttpStatus.FORBIDDEN, "declined", "Order declined"),
  PAYMENT_NOT_FOUND(HttpStatus.NOT_FOUND, "payment-not-found", "Payment not found"),
  ORDER_NOT_FOUND(HttpStatus.NOT_FOUND, "order-not-found", "Order not found"),
  RESERVATION_NOT_FOUND(HttpStatus.NOT_FOUND, "reservation-not-found", "Reservation not found"),
  INSUFFICIENT_STOCK(HttpStatus.CONFLICT, "insufficient-stock", "Insufficient stock"),
  NOT_FOUND(HttpStatus.NOT_FOUND, "not-found", "Not found"),
  METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed"),
  NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable"),
  UNSUPPORTED_MEDIA_TYPE(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type"),
  IDEMPOTENCY_KEY_REUSED(
      HttpStatus.UNPROCESSABLE_ENTITY,
      "idempotency-key-reused",
      "Idempotency-Key already used with a different request"),
  /** The caller's credentials are refused (an injected AUTH_REFUSED: a rotated or revoked key). */
  UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "unauthorized", "Credentials refused"),
  UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable"),
  INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error");

  static final String BASE = "https://settle.dev/problems/upstream/";

  private final HttpStatus status;
  private final String kind;
  private final String title;

  ProblemType(HttpStatus status, String kind, String title) {
    this.status = status;
    this.kind = kind;
    this.title = title;
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }

  public URI uri() {
    return URI.create(BASE + kind);
  }
}
