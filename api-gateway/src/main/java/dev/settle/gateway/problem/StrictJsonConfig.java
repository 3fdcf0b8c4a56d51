package dev.settle.gateway.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class StrictJsonConfig {
  /**
   * Our bodies are flat and typed: anything deeper or longer is an attack or a mistake, and a JSON
   * number where a string is expected (an amount) is refused rather than coerced, so money never
   * passes through a binary float in a client.
   *
   * <p>A body must also mean one thing: a duplicated member is refused (a lenient parser keeps the
   * last value, and a proxy or a signature check may have read the first: {@code debitAccount}
   * twice would charge the account nobody checked), so is content after the value, and an integer
   * field takes a JSON integer only: {@code 1.5} is not truncated to 1, {@code "2"} not parsed.
   */
  @Bean
  Jackson2ObjectMapperBuilderCustomizer strictJson() {
    return builder ->
        builder
            .featuresToEnable(
                JsonParser.Feature.STRICT_DUPLICATE_DETECTION,
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .featuresToDisable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .postConfigurer(
                mapper -> {
                  mapper
                      .getFactory()
                      .setStreamReadConstraints(
                          StreamReadConstraints.builder()
                              .maxNestingDepth(16)
                              .maxNumberLength(40)
                              .maxStringLength(BodySizeLimitFilter.LIMIT)
                              .build());
                  mapper
                      .coercionConfigFor(LogicalType.Textual)
                      .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
                  mapper
                      .coercionConfigFor(LogicalType.Integer)
                      .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
                });
  }
}
