package dev.settle.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The container images a file names, and whether each is pinned to an explicit version. */
final class Images {

  /** Where an image is named (file and path inside it) and the reference. */
  record Use(String where, String ref) {
    String repository() {
      int colon = ref.lastIndexOf(':');
      return colon > ref.lastIndexOf('/') ? ref.substring(0, colon) : ref;
    }

    String tag() {
      int colon = ref.lastIndexOf(':');
      return colon > ref.lastIndexOf('/') ? ref.substring(colon + 1) : "";
    }
  }

  /** A version tag: at least major.minor (16.14, 1.31.2, 17.0.20_8-jre-noble, v2.52.0). */
  private static final Pattern VERSION = Pattern.compile("v?\\d+\\.\\d+[0-9A-Za-z._-]*");

  private Images() {}

  /**
   * Every image in a parsed document: {@code image: repo:tag} strings (compose, Kubernetes), {@code
   * image: {repository, tag}} maps (Helm values), and the manifests that Helm values carry as
   * template strings (extraObjects).
   */
  static List<Use> in(String where, JsonNode node) {
    List<Use> uses = new ArrayList<>();
    collect(where, node, uses);
    return uses;
  }

  private static void collect(String where, JsonNode node, List<Use> uses) {
    if (node.isTextual()
        && node.asText().contains("apiVersion:")
        && node.asText().contains("image:")) {
      for (JsonNode manifest : DeployFiles.helmTemplate(node.asText())) {
        collect(where + "(template)", manifest, uses);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(where + "[" + i + "]", node.get(i), uses);
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field :
          (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
        String at = where + "." + field.getKey();
        JsonNode value = field.getValue();
        if (field.getKey().equals("image") && value.isTextual()) {
          uses.add(new Use(at, value.asText()));
        } else if (field.getKey().equals("image") && value.has("repository")) {
          uses.add(
              new Use(at, value.path("repository").asText() + ":" + value.path("tag").asText()));
        } else {
          collect(at, value, uses);
        }
      }
    }
  }

  /** Why a reference is not pinned to an explicit version, if it is not. */
  static Optional<String> unpinned(String ref) {
    if (ref.contains("@sha256:")) {
      return Optional.empty();
    }
    Use use = new Use("", ref);
    String tag = use.tag();
    if (tag.isEmpty()) {
      return Optional.of("no tag (Docker would pull :latest)");
    }
    if (tag.equalsIgnoreCase("latest")) {
      return Optional.of("tag latest");
    }
    if (tag.contains("$")) {
      return Optional.of("tag from a variable");
    }
    if (!VERSION.matcher(tag).matches()) {
      return Optional.of("tag " + tag + " is not an explicit version (major.minor at least)");
    }
    return Optional.empty();
  }
}
