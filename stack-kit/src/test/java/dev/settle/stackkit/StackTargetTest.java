package dev.settle.stackkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What callers read off a stack's resolved settings (bin/settle env is in SettleEnvTest). */
class StackTargetTest {
  final SettleCommand command = new SettleCommand(Path.of("/repo"), Map.of());

  @Test
  void urlsAreOnTheConnectHostAtTheResolvedPorts() {
    StackTarget target = target(Map.of());

    assertThat(target.gatewayUrl()).isEqualTo("http://127.0.0.1:24242");
    assertThat(target.upstreamUrl()).isEqualTo("http://127.0.0.1:24243");
    assertThat(target.temporalAddress()).isEqualTo("127.0.0.1:24244");
    assertThat(target.jdbcUrl("upstream")).isEqualTo("jdbc:postgresql://127.0.0.1:24245/upstream");
    assertThat(target.logDir()).isEqualTo(Path.of("/stack/logs"));
    assertThat(target.repo()).isEqualTo(Path.of("/repo"));
  }

  @Test
  void aMissingSettingOrAPortThatIsNotANumberIsRefused() {
    StackTarget target = target(Map.of("SETTLE_GATEWAY_PORT", "eighty"));

    assertThatThrownBy(target::gatewayUrl).hasMessageContaining("SETTLE_GATEWAY_PORT");
    assertThatThrownBy(target::workerUrl).hasMessageContaining("SETTLE_WORKER_PORT is missing");
    assertThatThrownBy(() -> target(Map.of("SETTLE_HOME", ""))).hasMessageContaining("SETTLE_HOME");
  }

  @Test
  void onlyALoopbackStackPassesTheLoopbackCheck() {
    assertThat(target(Map.of()).requireLoopback().host()).isEqualTo("127.0.0.1");
    assertThat(target(Map.of("SETTLE_CONNECT_HOST", "localhost")).requireLoopback()).isNotNull();
    assertThatThrownBy(() -> target(Map.of("SETTLE_CONNECT_HOST", "192.0.2.1")).requireLoopback())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loopback");
  }

  private StackTarget target(Map<String, String> overrides) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("SETTLE_HOME", "/stack");
    settings.put("SETTLE_LOGS", "/stack/logs");
    settings.put("SETTLE_CONNECT_HOST", "127.0.0.1");
    settings.put("SETTLE_GATEWAY_PORT", "24242");
    settings.put("SETTLE_UPSTREAM_PORT", "24243");
    settings.put("SETTLE_TEMPORAL_ADDRESS", "127.0.0.1:24244");
    settings.put("SETTLE_PG_PORT", "24245");
    settings.putAll(overrides);
    return new StackTarget(command, settings);
  }
}
