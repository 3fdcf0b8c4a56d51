package dev.settle.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Schemathesis, the property-based API fuzzer, against the live gateway: requests generated from
 * the served OpenAPI document, valid and invalid, with every check it has. The gateway must answer
 * only statuses, headers, content types and bodies the document declares, accept what it calls
 * valid, refuse what it calls invalid, and never answer 5xx. Seeded and bounded (the examples per
 * operation are set in schemathesis.toml), so a failure replays.
 */
@ExtendWith(SettleStack.class)
class SchemathesisIT {
  static final Path CONFIG = Path.of("e2e/src/test/resources/schemathesis");
  static final Duration LIMIT = Duration.ofMinutes(8);

  final SettleStack stack = SettleStack.get();

  record Run(int exitCode, String output) {
    String report() {
      String[] lines = output.split("\n");
      int from = Math.max(0, lines.length - 400);
      return String.join("\n", List.of(lines).subList(from, lines.length));
    }
  }

  @Test
  void theGatewayKeepsEveryPromiseOfItsOpenApiDocument() throws Exception {
    // Every check: the default, which the per-operation settings in schemathesis.toml refine.
    Run run = fuzz(stack.gatewayUrl() + "/v3/api-docs");

    assertThat(run.exitCode()).as("Schemathesis found failures:\n%s", run.report()).isZero();
  }

  /**
   * The fuzzer can fail: against a document that promises what the gateway does not do (every
   * problem carrying a member it never sends), the run exits non-zero and says why.
   */
  @Test
  void aPromiseTheGatewayDoesNotKeepFailsTheRun() throws Exception {
    var served =
        new SettleApi(stack)
            .send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/v3/api-docs")).GET());
    ObjectNode problem =
        (ObjectNode) served.body().path("components").path("schemas").path("Problem");
    ((ArrayNode) problem.withArray("required")).add("traceId");
    Path broken = workDir().resolve("broken-openapi.json");
    Files.writeString(broken, SettleApi.JSON.writeValueAsString(served.body()));

    Run run =
        fuzz(
            broken.toString(),
            "--checks",
            "response_schema_conformance",
            "--include-name",
            "GET /v1/operations/{key}",
            "--max-examples",
            "5");

    assertThat(run.exitCode()).as(run.report()).isNotZero();
    assertThat(run.output()).contains("Response violates schema").contains("traceId");
  }

  private Run fuzz(String location, String... extra) throws Exception {
    Path work = workDir();
    Path log = Files.createTempFile(work, "schemathesis", ".log");
    List<String> command = new ArrayList<>();
    command.add(stack.schemathesisBinary().toString());
    command.add("--config-file");
    command.add(stack.repo.resolve(CONFIG).resolve("schemathesis.toml").toString());
    command.add("run");
    command.add("--url");
    command.add(stack.gatewayUrl());
    command.add("--no-color");
    command.addAll(List.of(extra));
    command.add(location);
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    builder
        .environment()
        .put(
            "SCHEMATHESIS_HOOKS",
            stack.repo.resolve(CONFIG).resolve("hooks.py").toAbsolutePath().toString());
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    Process process = builder.start();
    if (!process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(
          "Schemathesis did not finish within " + LIMIT + ":\n" + Files.readString(log));
    }
    return new Run(process.exitValue(), Files.readString(log));
  }

  private Path workDir() throws Exception {
    // Its cache (.schemathesis/) goes to the working directory: keep it in target/.
    return Files.createDirectories(stack.repo.resolve("e2e/target/schemathesis"));
  }
}
