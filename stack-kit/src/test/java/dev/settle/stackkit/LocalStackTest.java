package dev.settle.stackkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LocalStackTest {
  final Path repo = Path.of("/repo");
  final Path home = Path.of("/repo/e2e/target/stack");

  @Test
  void everyPortIsAFreeLoopbackPortOfItsOwn() throws IOException {
    LocalStack stack = LocalStack.create(repo, home, Map.of());

    Set<String> ports = new HashSet<>();
    for (String variable : LocalStack.PORT_VARIABLES) {
      int port = Integer.parseInt(stack.env().get(variable));
      assertThat(port).isBetween(20_000, 31_999);
      try (ServerSocket bindable = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        assertThat(bindable.isBound()).isTrue();
      }
      ports.add(stack.env().get(variable));
    }
    assertThat(ports).hasSize(LocalStack.PORT_VARIABLES.size());
    assertThat(stack.env())
        .containsEntry("SETTLE_HOME", home.toString())
        .containsEntry("SETTLE_BIND", "127.0.0.1")
        .containsEntry("SETTLE_NO_BUILD", "1");
  }

  @Test
  void settingsComeOnTopOfTheDefaults() {
    LocalStack stack =
        LocalStack.create(
            repo, home, Map.of("SETTLE_GATEWAY_PORT", "24242", "SETTLE_JAVA_OPTS", "-Xmx256m"));

    assertThat(stack.env())
        .containsEntry("SETTLE_GATEWAY_PORT", "24242")
        .containsEntry("SETTLE_JAVA_OPTS", "-Xmx256m");
  }
}
