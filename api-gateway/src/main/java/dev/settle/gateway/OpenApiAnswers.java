package dev.settle.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which statuses each operation answers, read off the controllers, the interceptors and {@code
 * ProblemAdvice}/{@code ApiException}. Every {@code /v1} request may get 400 (an empty query
 * parameter is refused everywhere); every one that takes a body may get 413 and 415; every one that
 * reaches Temporal may get 503 with Retry-After.
 */
final class OpenApiAnswers {
  private OpenApiAnswers() {}

  static final String LOCATION = "Location";
  static final String RETRY_AFTER = "Retry-After";
  static final String RETRY_AFTER_REQUIRED = "Retry-After-Required";
  static final String RETENTION = "Idempotency-Key-Retention";
  static final String REPLAYED = "Idempotent-Replayed";

  /** A success: its status, what it means, and the headers it carries (name to header ref). */
  record Success(int status, String description, Map<String, String> headers) {}

  record Answers(
      String method, String path, List<Success> successes, Map<Integer, String> refusals) {}

  private static final String BAD_BODY =
      "invalid-request (a field breaks a rule: `errors` lists each), malformed-request (not JSON"
          + " of the expected shape: wrong types, unknown or duplicated members, trailing content)";
  private static final String BAD_KEY =
      "idempotency-key-missing, idempotency-key-invalid (1-177 printable ASCII characters)";
  private static final String BAD_PARAMETER =
      "invalid-parameter (a query parameter out of range, of the wrong type or sent empty)";
  private static final String UNAUTHENTICATED =
      "unauthenticated: no `Authorization: Bearer` key, or one the gateway does not know";
  private static final String CLIENT_ONLY = "forbidden: an operator key on a client endpoint";
  private static final String OPERATOR_ONLY = "forbidden: a client key on an operator endpoint";
  private static final String NOT_FOUND =
      "operation-not-found: no operation has this key for this client (another client's key is"
          + " not found either)";
  private static final String TOO_LARGE = "body-too-large: the body is over 64 KiB";
  private static final String MEDIA_TYPE =
      "unsupported-media-type: the Content-Type is not the one this operation takes";
  private static final String UNAVAILABLE =
      "engine-unavailable: Temporal could not be reached; nothing changed, retry after"
          + " Retry-After";
  private static final String NOT_STARTED =
      "operation-not-started, engine-unavailable, overloaded: nothing was started or decided;"
          + " retrying with the same Idempotency-Key is safe";

  private static Map<String, String> operationHeaders(String... extra) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(LOCATION, LOCATION);
    headers.put(RETENTION, RETENTION);
    for (String name : extra) {
      headers.put(name.equals(RETRY_AFTER_REQUIRED) ? RETRY_AFTER : name, name);
    }
    return headers;
  }

  private static Map<Integer, String> refusals(Object... statusAndDescription) {
    Map<Integer, String> refusals = new LinkedHashMap<>();
    for (int i = 0; i < statusAndDescription.length; i += 2) {
      refusals.put((Integer) statusAndDescription[i], (String) statusAndDescription[i + 1]);
    }
    return refusals;
  }

  /** What a client's request naming an operation by its key may be refused with. */
  private static Map<Integer, String> keyedRefusals() {
    return refusals(
        400, String.join("; ", "idempotency-key-invalid (the key in the path)", BAD_PARAMETER),
        401, UNAUTHENTICATED,
        403, CLIENT_ONLY,
        404, NOT_FOUND,
        503, UNAVAILABLE);
  }

  private static Answers submission(String path, String what) {
    return new Answers(
        "POST",
        path,
        List.of(
            new Success(
                201,
                what
                    + " decided (CONFIRMED or FAILED) within the decision budget; a replay of"
                    + " a decided operation is byte for byte its first final answer.",
                operationHeaders(REPLAYED)),
            new Success(
                202,
                "Not decided within the decision budget (PENDING, UNKNOWN or MANUAL_REVIEW):"
                    + " poll Location after Retry-After.",
                operationHeaders(RETRY_AFTER_REQUIRED, REPLAYED))),
        refusals(
            400,
            String.join("; ", BAD_BODY, BAD_KEY, BAD_PARAMETER),
            401,
            UNAUTHENTICATED,
            403,
            CLIENT_ONLY,
            409,
            "operation-in-progress: Prefer: idempotency=strict and a request with this key is"
                + " still in flight",
            413,
            TOO_LARGE,
            415,
            MEDIA_TYPE + " (application/json)",
            422,
            "idempotency-key-reused: the key was first used with another request body; the"
                + " operation it names is unchanged",
            503,
            NOT_STARTED));
  }

  static final String STATEMENTS = "/v1/reconciliation/statements";

  static final List<Answers> TABLE =
      List.of(
          submission("/v1/payments", "The payment"),
          submission("/v1/orders", "The order"),
          new Answers(
              "GET",
              "/v1/operations/{key}",
              List.of(
                  new Success(
                      200,
                      "The operation; Retry-After while it is not final.",
                      operationHeaders(RETRY_AFTER))),
              keyedRefusals()),
          new Answers(
              "GET",
              "/v1/operations",
              List.of(
                  new Success(
                      200, "The client's operations in that status, newest first.", Map.of())),
              refusals(
                  400, BAD_PARAMETER + ": status one of the listed values, limit 1-1000",
                  401, UNAUTHENTICATED,
                  403, CLIENT_ONLY,
                  503, UNAVAILABLE)),
          new Answers(
              "POST",
              "/v1/operations/{key}/reconcile",
              List.of(
                  new Success(200, "Already final: nothing was signalled.", operationHeaders()),
                  new Success(
                      202,
                      "The reconcile signal was sent; the operation as it is now.",
                      operationHeaders(RETRY_AFTER))),
              keyedRefusals()),
          new Answers(
              "POST",
              "/v1/operations/{key}/resolve",
              List.of(
                  new Success(
                      202,
                      "The operator's verdict was sent; the operation as it is now.",
                      operationHeaders(RETRY_AFTER))),
              refusals(
                  400,
                      String.join(
                          "; ",
                          BAD_BODY,
                          "operator-mismatch (the body names another operator than the key's"
                              + " holder)",
                          "idempotency-key-invalid (the key in the path)",
                          BAD_PARAMETER + " (client missing or not a client ID)"),
                  401, UNAUTHENTICATED,
                  403, OPERATOR_ONLY,
                  404, NOT_FOUND,
                  409, "not-in-manual-review: only an operation in MANUAL_REVIEW can be resolved",
                  413, TOO_LARGE,
                  415, MEDIA_TYPE + " (application/json)",
                  503, UNAVAILABLE)),
          new Answers(
              "POST",
              "/v1/webhooks/upstream",
              List.of(
                  new Success(
                      200,
                      "Received, whether or not an operation matched (see outcome).",
                      Map.of())),
              refusals(
                  400,
                      "malformed-request: signed, but not a settlement (missing field, bad amount,"
                          + " currency or status); "
                          + BAD_PARAMETER,
                  401,
                      "webhook-signature-invalid: unsigned, badly signed, or outside the timestamp"
                          + " tolerance; nothing changed",
                  413, TOO_LARGE,
                  415, MEDIA_TYPE + " (application/json)",
                  503,
                      UNAVAILABLE
                          + ", or evidence-held: the payment is still PENDING and waiting for its"
                          + " charge's answer; the upstream retries")),
          new Answers(
              "POST",
              STATEMENTS,
              List.of(new Success(200, "Imported: line by line, what each line found.", Map.of())),
              refusals(
                  400,
                  "malformed-request: no body; " + BAD_PARAMETER,
                  401,
                  UNAUTHENTICATED,
                  403,
                  OPERATOR_ONLY,
                  413,
                  "body-too-large: the statement is over 8 MiB",
                  415,
                  MEDIA_TYPE + " (text/csv)",
                  422,
                  "statement-invalid: some lines cannot be read (`lines`, `errors`); nothing was"
                      + " imported",
                  503,
                  UNAVAILABLE)));
}
