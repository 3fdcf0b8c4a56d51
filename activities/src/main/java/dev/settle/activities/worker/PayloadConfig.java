package dev.settle.activities.worker;

import dev.settle.workflows.operation.SettlePayloads;
import io.temporal.common.converter.DataConverter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class PayloadConfig {
  /** The Temporal starter picks up the bean of this name as the data converter. */
  @Bean("mainDataConverter")
  DataConverter mainDataConverter() {
    return SettlePayloads.dataConverter();
  }
}
