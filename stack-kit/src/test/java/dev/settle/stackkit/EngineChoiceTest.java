package dev.settle.stackkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which Temporal engine bin/settle picks (bin/lib/config.sh) when one bin/settle runs inside
 * another, as the test stacks of {@code bin/settle test} do: the outer one exports the engine it
 * derived, and the inner one must neither inherit it silently nor lose an engine it was given.
 */
class EngineChoiceTest {
  static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path home;

  @Test
  void anEngineGivenToANestedStackIsKeptEvenInsideADerivedOne() {
    // ClusterIT under `bin/settle test`: the outer stack derived dev, the test asks for cluster.
    assertThat(engine(Map.of("SETTLE_ENGINE", "cluster"), derivedOuterDev())).isEqualTo("cluster");
  }

  @Test
  void aNestedStackDerivesItsOwnEngineNotTheOuterOnes() throws IOException {
    Files.createDirectories(home.resolve("run"));
    Files.writeString(home.resolve("run/engine"), "cluster\n");
    assertThat(engine(Map.of(), derivedOuterDev())).isEqualTo("cluster");
  }

  @Test
  void withoutAnEngineOrAMemoryItIsTheDevServer() {
    assertThat(engine(Map.of(), Map.of())).isEqualTo("dev");
  }

  @Test
  void anEngineGivenOutrightWinsOverTheStacksMemory() throws IOException {
    Files.createDirectories(home.resolve("run"));
    Files.writeString(home.resolve("run/engine"), "dev\n");
    assertThat(engine(Map.of("SETTLE_ENGINE", "cluster"), Map.of())).isEqualTo("cluster");
  }

  /** What an outer bin/settle that derived dev leaves in its children's environment. */
  private Map<String, String> derivedOuterDev() {
    return Map.of("SETTLE_ENGINE", "dev", "SETTLE_ENGINE_DERIVED", "dev");
  }

  private String engine(Map<String, String> given, Map<String, String> inherited) {
    Map<String, String> env = new LinkedHashMap<>(inherited);
    env.putAll(given);
    env.put("SETTLE_HOME", home.toString());
    SettleCommand command = new SettleCommand(REPO, env);
    String output =
        command.run(
            Duration.ofSeconds(30),
            "bash",
            "-c",
            "source bin/lib/config.sh >/dev/null && echo \"engine=$SETTLE_ENGINE\"");
    return output
        .lines()
        .filter(l -> l.startsWith("engine="))
        .findFirst()
        .orElseThrow()
        .substring(7);
  }
}
