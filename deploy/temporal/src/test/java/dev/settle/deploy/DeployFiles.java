package dev.settle.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files under deploy/, found from this module's folder (deploy/temporal), and their parsed
 * documents.
 */
final class DeployFiles {
  /**
   * deploy/: the parent of this module's folder (Surefire's basedir, else the working directory).
   */
  static final Path DEPLOY =
      Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("..").normalize();

  static final Path ROOT = DEPLOY.getParent();
  static final Path COMPOSE = DEPLOY.resolve("temporal/compose.yaml");
  static final Path HELM_VALUES = DEPLOY.resolve("temporal/helm/values.yaml");
  static final Path CLUSTER_CONFIG = DEPLOY.resolve("temporal/cluster/temporal.yaml");
  static final Path DYNAMIC_CONFIG = DEPLOY.resolve("temporal/dynamicconfig/development-sql.yaml");
  static final Path SEARCH_ATTRIBUTES = DEPLOY.resolve("temporal/search-attributes.txt");
  static final Path K8S = DEPLOY.resolve("k8s");
  static final Path DOCKER = DEPLOY.resolve("docker");
  static final Path DOCS = ROOT.resolve("docs/deploy.md");

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{.*?}}");

  private DeployFiles() {}

  /**
   * Every file under deploy/ whose name passes the filter; build output and hidden folders left
   * out.
   */
  static List<Path> files(Predicate<String> name) {
    try (Stream<Path> walk = Files.walk(DEPLOY)) {
      return walk.filter(Files::isRegularFile)
          .filter(f -> !skipped(DEPLOY.relativize(f)))
          .filter(f -> name.test(f.getFileName().toString()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean skipped(Path relative) {
    for (Path part : relative.getParent() == null ? List.<Path>of() : relative.getParent()) {
      String name = part.toString();
      if (name.equals("target") || name.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  static List<Path> yamlAndJson() {
    return files(n -> n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json"));
  }

  static List<Path> dockerfiles() {
    return files(n -> n.endsWith(".Dockerfile") || n.equals("Dockerfile"));
  }

  /**
   * The documents of a YAML (one or more, `---` separated) or JSON file; empty documents left out.
   */
  static List<JsonNode> documents(Path file) {
    try {
      if (file.toString().endsWith(".json")) {
        return List.of(JSON.readTree(file.toFile()));
      }
      return yamlDocuments(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + relative(file) + ": " + e.getMessage(), e);
    }
  }

  static List<JsonNode> yamlDocuments(String text) throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    try (JsonParser parser = YAML.createParser(text)) {
      for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
        JsonNode document = it.next();
        if (document != null && !document.isNull() && !document.isMissingNode()) {
          documents.add(document);
        }
      }
    }
    return documents;
  }

  /** A Helm template string parsed as YAML, each {{ ... }} replaced by the word "tpl". */
  static List<JsonNode> helmTemplate(String text) {
    try {
      return yamlDocuments(TEMPLATE.matcher(text).replaceAll("tpl"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode single(Path file) {
    List<JsonNode> documents = documents(file);
    if (documents.size() != 1) {
      throw new IllegalStateException(relative(file) + " holds " + documents.size() + " documents");
    }
    return documents.get(0);
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String relative(Path file) {
    return ROOT.relativize(file.toAbsolutePath().normalize()).toString();
  }

  /** A field's text, when the path leads to a scalar. */
  static Optional<String> text(JsonNode node, String... path) {
    JsonNode at = node;
    for (String field : path) {
      at = at.path(field);
    }
    return at.isValueNode() ? Optional.of(at.asText()) : Optional.empty();
  }
}
