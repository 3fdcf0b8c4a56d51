package dev.settle.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an operator sees: the Temporal Web UI's workflow list, filtered by
 * OperationStatus="UNKNOWN", rendered by headless Chromium (the UI is a single-page app: the list
 * only exists once its JavaScript has fetched it), lists an operation stuck in UNKNOWN. Saves a
 * screenshot under e2e/target/.
 */
@ExtendWith(SettleStack.class)
class TemporalWebUiIT {
  static final String QUERY = "OperationStatus=\"UNKNOWN\"";
  static final Duration BROWSER_TIMEOUT = Duration.ofSeconds(60);
  static final Path SCREENSHOT = Path.of("target/temporal-ui-unknown.png").toAbsolutePath();

  final SettleStack stack = SettleStack.get();
  final SettleApi api = new SettleApi(stack);

  @AfterEach
  void clearFaults() {
    api.clearFaults();
  }

  @Test
  void theWebUiListsAnOperationStuckInUnknown() throws Exception {
    String url =
        stack.target().url("SETTLE_TEMPORAL_UI_PORT")
            + "/namespaces/"
            + stack.target().namespace()
            + "/workflows?query="
            + URLEncoder.encode(QUERY, StandardCharsets.UTF_8).replace("+", "%20");
    // The e2e reconciliation horizon is 30 s, after which the operation leaves UNKNOWN for
    // MANUAL_REVIEW; a slow browser start may miss that window, so a fresh stuck operation is made
    // for each (bounded) try, and the list is only trusted while the operation is still UNKNOWN.
    List<String> tried = new ArrayList<>();
    for (int attempt = 1; attempt <= 3; attempt++) {
      String key = api.stuckPayment("web-ui-" + attempt + "-");
      Files.deleteIfExists(SCREENSHOT);
      String dom = browse(url);
      boolean stillUnknown =
          "UNKNOWN".equals(api.operation(key, SettleApi.DEMO_KEY).body().path("status").asText());
      assertThat(SCREENSHOT).isNotEmptyFile();
      if (dom.contains("demo/" + key)) {
        assertThat(dom).contains("OperationStatus"); // the rendered filter bar, not a server page
        return;
      }
      tried.add(
          key
              + (stillUnknown
                  ? " (still UNKNOWN, not listed)"
                  : " (left UNKNOWN before the page rendered)"));
      if (stillUnknown) {
        throw new AssertionError(
            "the Web UI at "
                + url
                + " did not list demo/"
                + key
                + " (see "
                + SCREENSHOT
                + "); DOM:\n"
                + dom);
      }
    }
    throw new AssertionError("no stuck operation was listed in time: " + tried);
  }

  /**
   * Renders the page once in headless Chromium, bounded in time: saves the screenshot and returns
   * the DOM of the same rendering.
   */
  private String browse(String url) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("settle-chromium");
    Path out = Files.createTempFile("settle-chromium", ".out");
    try {
      Process chromium =
          new ProcessBuilder(
                  chromium(),
                  "--headless=new",
                  "--no-sandbox", // the tests may run as root
                  "--disable-gpu",
                  "--disable-dev-shm-usage",
                  "--no-first-run",
                  "--user-data-dir=" + profile,
                  "--window-size=1600,1000",
                  // Virtual time runs the SPA's scripts and fetches to completion before the dump.
                  "--virtual-time-budget=20000",
                  "--screenshot=" + SCREENSHOT,
                  "--dump-dom",
                  url)
              .redirectOutput(out.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!chromium.waitFor(BROWSER_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        chromium.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(
            "chromium did not finish within " + BROWSER_TIMEOUT + " on " + url);
      }
      assertThat(chromium.exitValue()).as("chromium exit status").isZero();
      return Files.readString(out);
    } finally {
      Files.deleteIfExists(out);
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static String chromium() {
    for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new AssertionError(
        "headless Chromium not found; run bin/settle install (Debian: apt-get install chromium)");
  }
}
