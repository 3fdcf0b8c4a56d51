package dev.settle.gateway;

import static dev.settle.gateway.OpenApiPatterns.CALLBACK_PATTERN;
import static dev.settle.gateway.OpenApiPatterns.amountPattern;
import static dev.settle.gateway.OpenApiPatterns.currenciesByDecimals;
import static dev.settle.gateway.OpenApiSchemas.of;
import static dev.settle.gateway.OpenApiSchemas.string;

import dev.settle.gateway.operation.Money;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The request bodies as the gateway reads them: unknown members refused (the webhook's ignored),
 * amounts as decimal strings with their currency's decimals, which optional members may be null.
 */
final class OpenApiBodies {
  private OpenApiBodies() {}

  @SuppressWarnings("rawtypes")
  static void apply(Map<String, Schema> schemas) {
    money(schemas.get("PaymentBody"), "debitAccount", "creditAccount", "12.50");
    money(schemas.get("OrderBody"), "customerAccount", "merchantAccount", "30.00");
    orderLine(schemas.get("OrderLine"));
    resolveBody(schemas.get("ResolveBody"));
    webhook(schemas.get("UpstreamWebhook"));
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
  private static void orderLine(Schema line) {
    line.setAdditionalProperties(false);
    line.setRequired(List.of("quantity", "sku"));
    ((Schema) line.getProperties().get("quantity"))
        .setDescription(
            "A JSON integer literal: 2, not 2.0 (refused as malformed-request, though JSON Schema"
                + " counts 2.0 as an integer).");
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
