package dev.settle.workflows.operation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;

/**
 * How Settle's records travel through Temporal. Unlike the SDK default it ignores fields it does
 * not know, so that during a rolling upgrade an older worker still reads inputs written by a newer
 * gateway (and the other way round). Gateway, worker and tests all use this one converter.
 */
public final class SettlePayloads {
  private SettlePayloads() {}

  public static DataConverter dataConverter() {
    ObjectMapper mapper =
        JacksonJsonPayloadConverter.newDefaultObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    return DefaultDataConverter.newDefaultInstance()
        .withPayloadConverterOverrides(new JacksonJsonPayloadConverter(mapper));
  }
}
