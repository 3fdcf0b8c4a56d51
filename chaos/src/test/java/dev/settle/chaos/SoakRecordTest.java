package dev.settle.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The soak is to be rerun when the workflow changes (issue #6). docs/reliability.md names the
 * workflow code its soak of record ran; this fails as soon as that code is no longer the code in
 * the repository, until a new soak is recorded.
 */
class SoakRecordTest {
  static final Path REPO =
      Path.of(System.getProperty("settle.repo", "..")).toAbsolutePath().normalize();
  static final Pattern RECORD =
      Pattern.compile(
          "Soak of record: (\\d+) operations, seed (\\d+), violations: (\\d+), workflow code ([0-9a-f]{16})");

  @Test
  void theRecordedSoakCoveredTheWorkflowCodeOfThisCommitWithoutAViolation() throws IOException {
    String doc = Files.readString(REPO.resolve("docs/reliability.md"));
    Matcher record = RECORD.matcher(doc);
    assertThat(record.find()).as("a line '%s' in docs/reliability.md", RECORD.pattern()).isTrue();

    int operations = Integer.parseInt(record.group(1));
    assertThat(operations).as("operations of the soak of record").isGreaterThanOrEqualTo(10_000);
    assertThat(Integer.parseInt(record.group(3))).as("violations of the soak of record").isZero();
    assertThat(doc)
        .as("the soak's own report is recorded next to it")
        .contains(
            "operations: " + operations + " ",
            "violations: 0",
            "workflow code: " + record.group(4));
    assertThat(WorkflowFingerprint.of(REPO))
        .as(
            "the workflow code changed since the soak of record; rerun chaos/run.sh --ops 10000 --seed %s"
                + " and record its report in docs/reliability.md",
            record.group(2))
        .isEqualTo(record.group(4));
  }
}
