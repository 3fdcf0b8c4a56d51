package dev.settle.gateway;

import dev.settle.gateway.idempotency.IdempotencyKey;
import dev.settle.gateway.operation.Money;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The input rules of the request bodies and parameters, as far as JSON Schema can say them; the
 * rest is in each schema's description. springdoc reads the Bean Validation annotations, but not
 * what the validators check in code (a positive amount with the currency's decimals, a known
 * currency, an https callback), that JSON Schema patterns are not anchored, that unknown members
 * are refused and optional ones may be null.
 */
final class OpenApiSchemas {
  private OpenApiSchemas() {}

  static final String PROBLEM = "Problem";

  /** Printable ASCII less {@code "} and {@code \}: what a bare key is made of. */
  private static final String BARE = "[ !#-\\[\\]-~]";

  private static final String QUOTED = "(?:[ !#-\\[\\]-~]|\\\\[\"\\\\])";
  private static final int MAX = IdempotencyKey.MAX_LENGTH;

  /**
   * The bare form (no leading space: HTTP strips it; a trailing one is stripped too) or the quoted
   * structured-field string with {@code \"} and {@code \\} escapes, 1-177 characters once unquoted
   * and not only spaces.
   */
  static final String KEY_HEADER_PATTERN =
      "^(?:[!#-\\[\\]-~]"
          + BARE
          + "{0,"
          + (MAX - 1)
          + "}|\"(?! *\")"
          + QUOTED
          + "{1,"
          + MAX
          + "}\")$";

  static final String KEY_HEADER_DESCRIPTION =
      "Required. 1-"
          + MAX
          + " printable ASCII characters, not only spaces. Bare (abc: without '\"' or '\\') or as"
          + " the IETF draft's quoted string (\"abc\", with \\\" and \\\\ escapes): both name the"
          + " same key. Missing: 400 idempotency-key-missing; otherwise invalid: 400"
          + " idempotency-key-invalid.";

  /** A key in a status URL: printable ASCII, not only spaces (percent-encode it, '/' as %2F). */
  static final String KEY_PATH_PATTERN = "^[ -~]*[!-~][ -~]*$";

  static final String KEY_PATH_DESCRIPTION =
      "The Idempotency-Key the operation was submitted with, unquoted: 1-"
          + MAX
          + " printable ASCII characters, not only spaces, percent-encoded ('/' as %2F).";

  /**
   * An absolute https URL with a DNS host name, no user info, no fragment. The gateway also takes
   * other hosts Java's URI parser reads (IP literals), and, where allowed, http to loopback.
   */
  static final String CALLBACK_PATTERN =
      "^https://[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?)*"
          + "(?::[0-9]{1,5})?(?:/(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})*)*"
          + "(?:\\?(?:[A-Za-z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2})*)?$";

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

  /**
   * A positive amount (15 integer digits at most, no leading zeros) with no more decimals than
   * {@code decimals}, written with up to {@link Money#MAX_DECIMALS} fraction digits: beyond the
   * currency's decimals only zeros ("12.50" is 2 decimals, "12.00" is JPY's 12).
   */
  static String amountPattern(int decimals) {
    int max = Money.MAX_DECIMALS;
    String fraction =
        decimals == 0
            ? "0{1," + max + "}"
            : "[0-9]{1," + decimals + "}" + (decimals < max ? "0{0," + (max - decimals) + "}" : "");
    List<String> belowOne = new ArrayList<>();
    for (int last = 1; last <= decimals; last++) {
      // the last significant digit at position `last`, zeros after it
      belowOne.add(
          (last > 1 ? "[0-9]{" + (last - 1) + "}" : "")
              + "[1-9]"
              + (last < max ? "0{0," + (max - last) + "}" : ""));
    }
    String whole = "[1-9][0-9]{0,14}(?:\\.(?:" + fraction + "))?";
    return belowOne.isEmpty()
        ? "^" + whole + "$"
        : "^(?:" + whole + "|0\\.(?:" + String.join("|", belowOne) + "))$";
  }

  /** Every currency the gateway knows, by the decimals its amounts may have. */
  static Map<Integer, Set<String>> currenciesByDecimals() {
    Map<Integer, Set<String>> groups = new TreeMap<>();
    for (Currency currency : Currency.getAvailableCurrencies()) {
      groups
          .computeIfAbsent(Money.decimals(currency), d -> new TreeSet<>())
          .add(currency.getCurrencyCode());
    }
    return groups;
  }

  static void apply(Components components) {
    Map<String, Schema> schemas = components.getSchemas();
    schemas.values().forEach(OpenApiSchemas::anchorPatterns);
    schemas.put(PROBLEM, problem());
    money(schemas.get("PaymentBody"), "debitAccount", "creditAccount", "12.50");
    money(schemas.get("OrderBody"), "customerAccount", "merchantAccount", "30.00");
    Schema<?> line = schemas.get("OrderLine");
    line.setAdditionalProperties(false);
    line.setRequired(List.of("quantity", "sku"));
    resolveBody(schemas.get("ResolveBody"));
    webhook(schemas.get("UpstreamWebhook"));
    line.getProperties()
        .get("quantity")
        .setDescription(
            "A JSON integer literal: 2, not 2.0 (refused as malformed-request, though JSON Schema"
                + " counts 2.0 as an integer).");
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

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void money(Schema body, String from, String to, String example) {
    body.setAdditionalProperties(false);
    body.setDescription(
        "Unknown members are refused. Also checked, beyond this schema: "
            + to
            + " differs from "
            + from
            + " (400 invalid-request).");
    Map<String, Schema> properties = body.getProperties();
    Map<Integer, Set<String>> groups = currenciesByDecimals();
    Set<String> all = new TreeSet<>();
    groups.values().forEach(all::addAll);
    // springdoc reads the annotation's example "12.50" as a number: a client copying it would
    // send a JSON number, which is refused.
    properties.get("amount").setExample(example);
    properties
        .get("amount")
        .pattern(amountPattern(Money.MAX_DECIMALS))
        .description(
            "A decimal string (not a JSON number), greater than zero, at most 15 integer digits"
                + " and no more decimals than the currency has (EUR 2, JPY 0, KWD 3; trailing"
                + " zeros beyond them are allowed: \"12.00\" JPY). The oneOf below says which"
                + " currency takes how many.");
    properties.get("currency").setEnum(new ArrayList<>(all));
    properties
        .get("currency")
        .description("An ISO 4217 code the gateway knows (java.util.Currency).");
    Schema callback = properties.get("callbackUrl");
    callback.setTypes(new LinkedHashSet<>(List.of("string", "null")));
    callback.setFormat(null);
    callback.setPattern(CALLBACK_PATTERN);
    List<Schema> byDecimals = new ArrayList<>();
    groups.forEach(
        (decimals, codes) ->
            byDecimals.add(
                of("object")
                    .title(decimals + " decimals")
                    .addProperty("currency", string()._enum(new ArrayList<>(codes)))
                    .addProperty("amount", string().pattern(amountPattern(decimals)))));
    body.setOneOf(byDecimals);
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void resolveBody(Schema body) {
    body.setAdditionalProperties(false);
    Map<String, Schema> properties = body.getProperties();
    properties.get("status").setEnum(List.of("CONFIRMED", "FAILED"));
    for (String optional : List.of("operator", "note", "upstreamPaymentId")) {
      properties.get(optional).setTypes(new LinkedHashSet<>(List.of("string", "null")));
    }
    properties
        .get("operator")
        .description(
            "Optional: the operator is the holder of the key. If given it must be that holder,"
                + " else 400 operator-mismatch.");
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void webhook(Schema body) {
    body.setDescription(
        "Signed over its exact bytes (Settle-Signature). Unknown members are ignored: providers"
            + " add fields to their events.");
    Map<String, Schema> properties = body.getProperties();
    for (String text : List.of("id", "idempotencyKey", "paymentId")) {
      properties.get(text).minLength(1).pattern("\\S");
    }
    properties
        .get("amount")
        .pattern("^(?=[0-9.]*[1-9])[0-9]{1,18}(?:\\.[0-9]{1,6})?$")
        .description("A positive decimal string.");
    properties.get("currency").pattern("^[A-Z]{3}$");
    properties.get("status").pattern("^[A-Z_]{1,32}$").description("Only SETTLED settles.");
    body.setRequired(List.of("amount", "currency", "id", "idempotencyKey", "paymentId", "status"));
  }
}
