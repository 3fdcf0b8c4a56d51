package dev.settle.gateway;

import static dev.settle.gateway.OpenApiSchemas.anchored;
import static dev.settle.gateway.OpenApiSchemas.string;

import dev.settle.gateway.OpenApiAnswers.Answers;
import dev.settle.gateway.OpenApiAnswers.Success;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the served document say what the gateway does: every status each operation answers (from
 * {@link OpenApiAnswers}), the problem body of every refusal, the headers that are sent, and every
 * input rule the server enforces (from {@link OpenApiSchemas}), so that a request valid against the
 * document is accepted and one that is not is refused. A fuzzer (SchemathesisIT) holds the gateway
 * to it.
 */
@Configuration
class OpenApiContract {
  static final String JSON = "application/json";
  static final String PROBLEM_JSON = "application/problem+json";
  private static final String HEADERS = "#/components/headers/";

  @Bean
  OpenApiCustomizer settleContract() {
    return OpenApiContract::customise;
  }

  static void customise(OpenAPI api) {
    Components components = api.getComponents();
    OpenApiSchemas.apply(components);
    headers(components);
    for (Answers answers : OpenApiAnswers.TABLE) {
      Operation operation = operation(api, answers);
      operation.setResponses(responses(operation, answers));
      parameters(operation, answers);
    }
    statementBody(api.getPaths().get(OpenApiAnswers.STATEMENTS).getPost());
  }

  /**
   * A statement must start with its header; the rules of each line (and that no key appears twice)
   * are more than a pattern should carry, so they are described.
   */
  private static void statementBody(Operation statements) {
    statements
        .getRequestBody()
        .description(
            "RFC 4180 CSV, at most 8 MiB, under exactly the header line"
                + " idempotency_key,payment_id,amount,currency,status,settled_at; each line: a key"
                + " of 1-512 printable ASCII characters (each key once), a payment id, a positive"
                + " decimal amount, three upper-case letters, an upper-case status (only SETTLED"
                + " settles anything) and an ISO-8601 instant. Fields may be quoted (\"a,b\","
                + " \"\" for a quote). Any unreadable line: 422 statement-invalid, nothing"
                + " imported.")
        .getContent()
        .values()
        .forEach(
            media ->
                media.setSchema(
                    string()
                        .pattern(
                            "^[ \\t\\r]*idempotency_key,payment_id,amount,currency,status,"
                                + "settled_at[ \\t\\r]*(?:\\n[\\s\\S]*)?$")));
  }

  private static Operation operation(OpenAPI api, Answers answers) {
    PathItem path = api.getPaths() == null ? null : api.getPaths().get(answers.path());
    Operation operation =
        path == null
            ? null
            : path.readOperationsMap().get(PathItem.HttpMethod.valueOf(answers.method()));
    if (operation == null) {
      // The table and the controllers must agree: a stale row is a bug, not something to skip.
      throw new IllegalStateException(
          "No operation " + answers.method() + " " + answers.path() + " to document");
    }
    return operation;
  }

  private static ApiResponses responses(Operation operation, Answers answers) {
    Schema<?> body =
        operation.getResponses().values().stream()
            .filter(r -> r.getContent() != null)
            .flatMap(r -> r.getContent().values().stream())
            .map(MediaType::getSchema)
            .findFirst()
            .orElseThrow();
    ApiResponses responses = new ApiResponses();
    for (Success success : answers.successes()) {
      ApiResponse response =
          new ApiResponse()
              .description(success.description())
              .content(new Content().addMediaType(JSON, new MediaType().schema(body)));
      success.headers().forEach((name, header) -> response.addHeaderObject(name, ref(header)));
      responses.addApiResponse(Integer.toString(success.status()), response);
    }
    answers
        .refusals()
        .forEach(
            (status, description) -> {
              ApiResponse response =
                  new ApiResponse()
                      .description(description)
                      .content(
                          new Content()
                              .addMediaType(
                                  PROBLEM_JSON,
                                  new MediaType()
                                      .schema(
                                          new Schema<>()
                                              .$ref(
                                                  "#/components/schemas/"
                                                      + OpenApiSchemas.PROBLEM))));
              if (status == 401) {
                response.addHeaderObject("WWW-Authenticate", ref("WWW-Authenticate"));
              }
              if (status == 503) {
                response.addHeaderObject("Retry-After", ref("Retry-After-Required"));
              }
              responses.addApiResponse(Integer.toString(status), response);
            });
    return responses;
  }

  /** Header objects, referenced by name; the required flavour of Retry-After for 202 and 503. */
  private static void headers(Components components) {
    Map<String, Header> headers =
        Map.of(
            "Location",
            header(
                true,
                string().format("uri-reference").pattern("^/v1/operations/[^/?#]+$"),
                "The operation's status URL: GET it to poll (the key percent-encoded, a '/' as %2F)."),
            "Retry-After",
            header(
                false,
                string().pattern("^[0-9]{1,9}$"),
                "Seconds to wait before polling again; sent while the operation is not final."),
            "Retry-After-Required",
            header(
                true,
                string().pattern("^[0-9]{1,9}$"),
                "Seconds to wait: before polling the operation (202), before retrying (503)."),
            "Idempotency-Key-Retention",
            header(
                true,
                string().pattern("^[0-9]{1,12}$"),
                "Seconds a finished operation's key keeps replaying its outcome (the Temporal"
                    + " namespace retention)."),
            "Idempotent-Replayed",
            header(
                false,
                string()._enum(java.util.List.of("true")),
                "Present when this request did not start the operation: it replayed or attached"
                    + " to one another request with the same key started."),
            "WWW-Authenticate",
            header(
                true,
                string().pattern("^(Bearer|Settle-Signature) realm=\"settle\"$"),
                "Bearer realm=\"settle\" (a webhook: Settle-Signature realm=\"settle\")."));
    new java.util.TreeMap<>(headers).forEach(components::addHeaders);
  }

  private static Header header(boolean required, Schema<?> schema, String description) {
    return new Header().required(required).schema(schema).description(description);
  }

  private static Header ref(String name) {
    return new Header().$ref(HEADERS + name);
  }

  private static void parameters(Operation operation, Answers answers) {
    if (operation.getParameters() == null) {
      return;
    }
    for (Parameter parameter : operation.getParameters()) {
      switch (parameter.getIn() + " " + parameter.getName()) {
        case "header Idempotency-Key" ->
            parameter
                .required(true)
                .description(OpenApiPatterns.KEY_HEADER_DESCRIPTION)
                .schema(
                    string()
                        .pattern(OpenApiPatterns.KEY_HEADER_PATTERN)
                        .maxLength(
                            2 * dev.settle.gateway.idempotency.IdempotencyKey.MAX_LENGTH + 2));
        case "path key" ->
            parameter
                .description(OpenApiPatterns.KEY_PATH_DESCRIPTION)
                .schema(
                    string()
                        .minLength(1)
                        .maxLength(dev.settle.gateway.idempotency.IdempotencyKey.MAX_LENGTH)
                        .pattern(OpenApiPatterns.KEY_PATH_PATTERN));
        case "query client" ->
            parameter
                .description("The client whose operation this is (its ID, not its key).")
                .schema(
                    string()
                        .pattern(anchored(dev.settle.gateway.auth.ClientProperties.ID_PATTERN)));
        case "header Prefer" ->
            parameter.description(
                "idempotency=strict: 409 operation-in-progress instead of attaching to a request"
                    + " with the same key still in flight. Other preferences are ignored.");
        case "header Settle-Signature" ->
            parameter.description(
                "t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.\" + the body's bytes>; missing,"
                    + " wrong or stale: 401 webhook-signature-invalid.");
        default -> {}
      }
    }
  }
}
