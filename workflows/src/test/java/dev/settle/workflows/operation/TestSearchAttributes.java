package dev.settle.workflows.operation;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The custom search attributes of deploy/temporal/search-attributes.txt, the list the dev server
 * and the cluster register, so the in-memory test server knows exactly the same ones.
 */
public final class TestSearchAttributes {
  static final Path LIST = Path.of("../deploy/temporal/search-attributes.txt");

  private TestSearchAttributes() {}

  /** NAME → Temporal type name (Keyword, Datetime, …), in the file's order. */
  public static Map<String, String> listed() {
    Map<String, String> attributes = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(LIST)) {
        String entry = line.strip();
        if (entry.isEmpty() || entry.startsWith("#")) {
          continue;
        }
        int equals = entry.indexOf('=');
        attributes.put(entry.substring(0, equals), entry.substring(equals + 1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return attributes;
  }

  public static void registerAll(TestWorkflowEnvironment env) {
    listed().forEach((name, type) -> env.registerSearchAttribute(name, indexed(type)));
  }

  private static IndexedValueType indexed(String type) {
    String constant =
        "INDEXED_VALUE_TYPE_" + type.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    return IndexedValueType.valueOf(constant);
  }
}
