package dev.settle.gateway;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The input rules of the request bodies and parameters, as far as JSON Schema can say them; the
 * rest is in each schema's description. springdoc reads the Bean Validation annotations, but not
 * what the validators check in code (a positive amount with the currency's decimals, a known
 * currency, an https callback: {@link OpenApiPatterns}), that JSON Schema patterns are not
 * anchored, that unknown members are refused ({@link OpenApiBodies}) and which members of an answer
 * may be null.
 */
final class OpenApiSchemas {
  private OpenApiSchemas() {}

  static final String PROBLEM = "Problem";

  static Schema<Object> string() {
    return new JsonSchema().types(new LinkedHashSet<>(Set.of("string")));
  }

  static Schema<Object> of(String... types) {
    return new JsonSchema().types(new LinkedHashSet<>(List.of(types)));
  }

  /** JSON Schema patterns match anywhere; the server's Bean Validation patterns match whole. */
  static String anchored(String pattern) {
    return pattern.startsWith("^") ? pattern : "^(?:" + pattern + ")$";
  }

  static void apply(Components components) {
    Map<String, Schema> schemas = components.getSchemas();
    schemas.values().forEach(OpenApiSchemas::anchorPatterns);
    schemas.put(PROBLEM, problem());
    OpenApiBodies.apply(schemas);
    schemas.forEach(
        (name, schema) -> {
          if (!NO_NULLS.contains(name)) {
            nullableMembers(schema);
          }
        });
  }

  /**
   * Schemas whose members are never null in an answer: request bodies (null is said where it is
   * allowed), the problem, and the records serialized without their null members.
   */
  private static final Set<String> NO_NULLS =
      Set.of(
          "PaymentBody",
          "OrderBody",
          "OrderLine",
          "ResolveBody",
          "UpstreamWebhook",
          PROBLEM,
          "OperationView",
          "ListedOperation");

  /**
   * The nested records of an answer (saga steps, attempts, callback deliveries...) are serialized
   * with their null members: any member that is not a Java primitive may be null.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void nullableMembers(Schema<?> schema) {
    if (schema.getProperties() == null) {
      return;
    }
    Map<String, Schema> properties = (Map<String, Schema>) (Map) schema.getProperties();
    properties.replaceAll(
        (name, property) -> {
          if (property.get$ref() != null) {
            return new JsonSchema().anyOf(List.of(property, of("null")));
          }
          Set<String> types = property.getTypes();
          if (types == null || types.contains("integer") || types.contains("boolean")) {
            return property;
          }
          Set<String> nullable = new LinkedHashSet<>(types);
          nullable.add("null");
          property.setTypes(nullable);
          if (property.getEnum() != null) {
            List<Object> values = new ArrayList<>(property.getEnum());
            values.add(null);
            property.setEnum(values);
          }
          return property;
        });
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void anchorPatterns(Schema<?> schema) {
    if (schema == null) {
      return;
    }
    if (schema.getPattern() != null) {
      schema.setPattern(anchored(schema.getPattern()));
    }
    if (schema.getProperties() != null) {
      ((Map<String, Schema>) (Map) schema.getProperties())
          .values()
          .forEach(OpenApiSchemas::anchorPatterns);
    }
    anchorPatterns(schema.getItems());
  }

  private static Schema<Object> problem() {
    Schema<Object> problem =
        of("object")
            .description(
                "RFC 9457 problem details. `type` is stable, under https://settle.dev/problems/"
                    + " (docs/api.md lists them); `operationKey` when the request named one,"
                    + " `errors` for a refused body or parameter, `lines` for a refused"
                    + " statement.")
            .addProperty("type", string().format("uri"))
            .addProperty("title", string())
            .addProperty("status", of("integer").minimum(bd(400)).maximum(bd(599)))
            .addProperty("detail", string())
            .addProperty("instance", string().format("uri-reference"))
            .addProperty("operationKey", string())
            .addProperty("errors", of("array").items(string()))
            .addProperty("lines", of("array").items(of("integer")));
    problem.setRequired(List.of("status", "title", "type"));
    return problem;
  }

  private static java.math.BigDecimal bd(int value) {
    return java.math.BigDecimal.valueOf(value);
  }
}
