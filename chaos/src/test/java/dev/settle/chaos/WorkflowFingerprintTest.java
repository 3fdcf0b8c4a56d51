package dev.settle.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowFingerprintTest {
  static final String CODE =
      """
      package p;

      import java.util.List;

      /** A workflow. */
      class W {
        int run(List<Integer> xs) { return xs.size() + 1; } // one more
      }
      """;

  @TempDir Path repo;

  @Test
  void formattingCommentsAndImportsDoNotChangeItButCodeDoes() throws IOException {
    String original = fingerprintOf(CODE);

    String reformatted =
        """
        package p;
        import java.util.List;
        import java.util.Map;

        /**
         * A workflow,
         * described at length.
         */
        class W {
          int run(List<Integer> xs) {
            return xs.size()
                + 1;
          }
        }
        """;
    assertThat(fingerprintOf(reformatted)).isEqualTo(original);
    assertThat(fingerprintOf(CODE.replace("+ 1", "+ 2"))).isNotEqualTo(original);
    assertThat(original).matches("[0-9a-f]{16}");
  }

  @Test
  void aNewOrRenamedFileChangesIt() throws IOException {
    String original = fingerprintOf(CODE);
    Path sources = repo.resolve(WorkflowFingerprint.SOURCES);

    Files.writeString(sources.resolve("p/V.java"), "package p; class V {}");
    String withNewFile = WorkflowFingerprint.of(repo);
    Files.move(sources.resolve("p/V.java"), sources.resolve("p/U.java"));

    assertThat(withNewFile).isNotEqualTo(original);
    assertThat(WorkflowFingerprint.of(repo)).isNotEqualTo(withNewFile);
  }

  private String fingerprintOf(String code) throws IOException {
    Path file = repo.resolve(WorkflowFingerprint.SOURCES).resolve("p/W.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, code);
    return WorkflowFingerprint.of(repo);
  }
}
