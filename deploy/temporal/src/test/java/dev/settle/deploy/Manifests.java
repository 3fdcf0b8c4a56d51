package dev.settle.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading helpers for the parsed compose file, Kubernetes manifests and Helm values. */
final class Manifests {
  private static final Pattern COMPOSE_DEFAULT = Pattern.compile("\\$\\{([A-Z0-9_]+):?-([^}]*)}");

  private Manifests() {}

  /** Every document of deploy/k8s, the example Secrets included. */
  static List<JsonNode> kubernetes() {
    List<JsonNode> documents = new ArrayList<>();
    for (Path file : DeployFiles.yamlAndJson()) {
      if (file.startsWith(DeployFiles.K8S)) {
        documents.addAll(DeployFiles.documents(file));
      }
    }
    return documents;
  }

  static List<JsonNode> ofKind(List<JsonNode> documents, String kind) {
    return documents.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
  }

  static String name(JsonNode resource) {
    return resource.path("metadata").path("name").asText();
  }

  /** True when every label of the selector is on the labels. */
  static boolean selects(JsonNode selector, JsonNode labels) {
    if (!selector.isObject() || selector.isEmpty()) {
      return false;
    }
    for (var it = selector.fields(); it.hasNext(); ) {
      var label = it.next();
      if (!label.getValue().asText().equals(labels.path(label.getKey()).asText(null))) {
        return false;
      }
    }
    return true;
  }

  /**
   * A compose or Kubernetes environment as a map: compose's map and list forms, k8s's name/value
   * list.
   */
  static Map<String, String> environment(JsonNode env) {
    Map<String, String> map = new LinkedHashMap<>();
    if (env.isObject()) {
      env.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    } else {
      for (JsonNode item : env) {
        if (item.isTextual()) {
          String[] kv = item.asText().split("=", 2);
          map.put(kv[0], kv.length > 1 ? kv[1] : "");
        } else {
          map.put(item.path("name").asText(), item.path("value").asText());
        }
      }
    }
    return map;
  }

  /** A compose value with its ${VAR:-default} expressions replaced by their defaults. */
  static String composeDefault(String value) {
    Matcher m = COMPOSE_DEFAULT.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(2)));
    }
    return m.appendTail(out).toString();
  }

  /** The variables named in a compose value's ${VAR...} expressions. */
  static List<String> composeVariables(String value) {
    Matcher m = COMPOSE_DEFAULT.matcher(value);
    List<String> names = new ArrayList<>();
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** The container side of a compose port mapping ("127.0.0.1:8080:8080", "8080:8080/tcp"). */
  static int containerPort(String mapping) {
    String port = mapping.replaceAll("/(tcp|udp)$", "");
    return Integer.parseInt(port.substring(port.lastIndexOf(':') + 1));
  }

  /** The host side of a compose port mapping with its defaults applied. */
  static Optional<Integer> hostPort(String mapping) {
    String[] parts = composeDefault(mapping).replaceAll("/(tcp|udp)$", "").split(":");
    return parts.length < 2
        ? Optional.empty()
        : Optional.of(Integer.parseInt(parts[parts.length - 2]));
  }

  /** The Settle app an image {@code settle/NAME:tag} is built from. */
  static Optional<SettleApp> appOf(String image) {
    if (!image.startsWith("settle/")) {
      return Optional.empty();
    }
    return SettleApp.named(new Images.Use("", image).repository().substring("settle/".length()));
  }
}
