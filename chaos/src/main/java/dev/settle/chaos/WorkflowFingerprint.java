package dev.settle.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which workflow code a soak run covered: a hash of the workflows module's main sources, blind to
 * formatting. Comments, import lines and whitespace are left out, so reformatting or a comment does
 * not ask for a new soak; any change to the code itself does. It reads text, not Java: a {@code //}
 * inside a string literal also starts a "comment", which only makes the hash miss an edit after it
 * on that line.
 */
public final class WorkflowFingerprint {
  /** The folder, relative to the repository, whose code a soak run must be rerun for. */
  public static final String SOURCES = "workflows/src/main/java";

  private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
  private static final Pattern LINE_COMMENT = Pattern.compile("//[^\\n]*");
  private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s[^;]*;");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private WorkflowFingerprint() {}

  /** The first 16 hex digits of the hash of the repository's workflow sources. */
  public static String of(Path repo) {
    Path root = repo.resolve(SOURCES);
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> sources =
          walk.filter(p -> p.toString().endsWith(".java"))
              .map(root::relativize)
              .sorted((a, b) -> unixPath(a).compareTo(unixPath(b)))
              .toList();
      if (sources.isEmpty()) {
        throw new IllegalStateException("no Java sources under " + root);
      }
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Path source : sources) {
        sha.update(unixPath(source).getBytes(StandardCharsets.UTF_8));
        sha.update(
            normalized(Files.readString(root.resolve(source))).getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + root, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String normalized(String source) {
    String code = BLOCK_COMMENT.matcher(source).replaceAll("");
    code = LINE_COMMENT.matcher(code).replaceAll("");
    code = IMPORT.matcher(code).replaceAll("");
    return WHITESPACE.matcher(code).replaceAll("");
  }

  private static String unixPath(Path relative) {
    return relative.toString().replace('\\', '/');
  }
}
