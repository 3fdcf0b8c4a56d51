package dev.settle.stackkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/settle env}: one stack's resolved settings, as the Java side reads them. */
class SettleEnvTest {
  static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path home;

  @Test
  void theSettingsAreTheStacksOwnResolvedValues() throws IOException {
    home = home.toRealPath(); // bin/settle resolves symbolic links in the paths it prints
    Map<String, String> settings =
        new SettleCommand(
                REPO,
                Map.of(
                    "SETTLE_HOME", home.toString(),
                    "SETTLE_BIND", "0.0.0.0",
                    "SETTLE_GATEWAY_PORT", "23456"))
            .settings();

    assertThat(settings)
        .containsEntry("SETTLE_ROOT", REPO.toRealPath().toString())
        .containsEntry("SETTLE_HOME", home.toString())
        .containsEntry("SETTLE_RUN", home.resolve("run").toString())
        .containsEntry("SETTLE_LOGS", home.resolve("logs").toString())
        .containsEntry("SETTLE_GATEWAY_PORT", "23456")
        // A stack bound to every interface is reached on loopback.
        .containsEntry("SETTLE_CONNECT_HOST", "127.0.0.1")
        .containsEntry(
            "SETTLE_TEMPORAL_ADDRESS", "127.0.0.1:" + settings.get("SETTLE_TEMPORAL_PORT"))
        // The apps' own default, which no Java caller repeats.
        .containsEntry("SETTLE_TEMPORAL_NAMESPACE", "default")
        .containsEntry(
            "SETTLE_JAR_GATEWAY",
            REPO.toRealPath().resolve("api-gateway/target/settle-gateway.jar").toString())
        .containsKeys("SETTLE_ENGINE", "SETTLE_JAR_WORKER", "SETTLE_JAR_UPSTREAM", "SETTLE_PG_BIN");
    for (String port : LocalStack.PORT_VARIABLES) {
      assertThat(settings.get(port)).as(port).matches("[0-9]{1,5}");
    }
  }

  @Test
  void aStackGivenANamespaceNamesItAndItsTargetUsesIt() throws IOException {
    SettleCommand command =
        new SettleCommand(
            REPO,
            Map.of(
                "SETTLE_HOME", home.toRealPath().toString(),
                "SETTLE_TEMPORAL_NAMESPACE", "payments",
                "SETTLE_PG_PORT", "25432"));

    StackTarget target = StackTarget.of(command);

    assertThat(target.namespace()).isEqualTo("payments");
    assertThat(target.home()).isEqualTo(home.toRealPath());
    assertThat(target.runDir()).isEqualTo(home.toRealPath().resolve("run"));
    assertThat(target.jdbcUrl("settle")).isEqualTo("jdbc:postgresql://127.0.0.1:25432/settle");
    assertThat(target.jar("worker"))
        .isEqualTo(REPO.toRealPath().resolve("activities/target/settle-worker.jar"));
  }
}
