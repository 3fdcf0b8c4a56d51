package dev.settle.deploy;

import static dev.settle.deploy.Manifests.name;
import static dev.settle.deploy.Manifests.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every YAML and JSON file under deploy/ parses, and what a deployment needs is there: Kubernetes
 * resources with their required keys, probes, resources, disruption budgets and autoscalers;
 * compose services with an image or a build and a health check; every image and base image pinned
 * to an explicit version. {@link DeployConsistencyTest} checks that they agree with the apps'
 * settings.
 */
class DeployFilesTest {

  @Test
  void everyYamlAndJsonFileUnderDeployParses() {
    List<Path> files = DeployFiles.yamlAndJson();

    assertThat(files)
        .extracting(DeployFiles::relative)
        .contains(
            "deploy/temporal/compose.yaml",
            "deploy/temporal/dynamicconfig/development-sql.yaml",
            "deploy/temporal/cluster/temporal.yaml",
            "deploy/temporal/cluster/ui.yaml",
            "deploy/temporal/helm/values.yaml",
            "deploy/k8s/kustomization.yaml",
            "deploy/k8s/gateway.yaml",
            "deploy/k8s/worker.yaml");
    for (Path file : files) {
      assertThat(DeployFiles.documents(file))
          .as("documents of %s", DeployFiles.relative(file))
          .isNotEmpty()
          .allMatch(JsonNode::isObject);
    }
  }

  @Test
  void kubernetesResourcesHaveApiVersionKindAndName() {
    List<String> problems = new ArrayList<>();
    for (JsonNode resource : Manifests.kubernetes()) {
      String kind = resource.path("kind").asText();
      if (resource.path("apiVersion").asText().isEmpty() || kind.isEmpty()) {
        problems.add("a resource without apiVersion or kind: " + resource);
      } else if (!kind.equals("Kustomization") && name(resource).isEmpty()) {
        problems.add("a " + kind + " without metadata.name");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void kustomizationAppliesEveryManifestButTheExamples() throws Exception {
    JsonNode kustomization = DeployFiles.single(DeployFiles.K8S.resolve("kustomization.yaml"));
    Set<String> listed = new TreeSet<>();
    kustomization.path("resources").forEach(r -> listed.add(r.asText()));
    Set<String> present;
    try (var files = Files.list(DeployFiles.K8S)) {
      present =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.endsWith(".yaml") && !n.endsWith(".example.yaml"))
              .filter(n -> !n.equals("kustomization.yaml"))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    assertThat(listed).isEqualTo(present);
  }

  @Test
  void deploymentsHaveProbesResourcesAndAGraceAboveTheAppsDrainTime() {
    List<JsonNode> deployments = ofKind(Manifests.kubernetes(), "Deployment");
    assertThat(deployments).extracting(Manifests::name).contains("settle-gateway", "settle-worker");
    List<String> problems = new ArrayList<>();
    for (JsonNode deployment : deployments) {
      new DeploymentCheck(deployment, Manifests.kubernetes(), problems).run();
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void composeServicesHaveAnImageOrABuildAndAHealthCheckOrRunOnce() {
    JsonNode services = DeployFiles.single(DeployFiles.COMPOSE).path("services");
    assertThat(services.size()).isPositive();
    List<String> problems = new ArrayList<>();
    services
        .fields()
        .forEachRemaining(
            s -> new ComposeServiceCheck(s.getKey(), s.getValue(), services, problems).run());
    assertThat(problems).isEmpty();
  }

  @Test
  void everyImageAndBaseImageIsPinnedToAnExplicitVersion() {
    List<Images.Use> uses = new ArrayList<>();
    for (Path file : DeployFiles.yamlAndJson()) {
      for (JsonNode document : DeployFiles.documents(file)) {
        if (namesContainerImages(file, document)) {
          uses.addAll(Images.in(DeployFiles.relative(file), document));
        }
      }
    }
    List<Path> dockerfiles = DeployFiles.dockerfiles();
    assertThat(dockerfiles).hasSizeGreaterThanOrEqualTo(3);
    for (Path file : dockerfiles) {
      for (Dockerfile.From from : Dockerfile.read(file).froms()) {
        if (!from.earlierStage()) {
          uses.add(new Images.Use(DeployFiles.relative(file) + " FROM", from.image()));
        }
      }
    }

    assertThat(uses)
        .extracting(Images.Use::repository)
        .contains(
            "postgres",
            "temporalio/server",
            "temporalio/admin-tools",
            "temporalio/ui",
            "eclipse-temurin",
            "settle/gateway",
            "settle/worker");
    List<String> unpinned =
        uses.stream()
            .flatMap(
                u ->
                    Images.unpinned(u.ref())
                        .map(why -> u.where() + ": " + u.ref() + ": " + why)
                        .stream())
            .toList();
    assertThat(unpinned).isEmpty();
  }

  /**
   * Compose files, Kubernetes resources and Helm values; not, say, a dashboard with an "image"
   * panel.
   */
  static boolean namesContainerImages(Path file, JsonNode document) {
    return document.has("services")
        || (document.has("apiVersion") && document.has("kind"))
        || DeployFiles.DEPLOY.relativize(file).toString().contains("helm/");
  }

  @Test
  void pinCheckRefusesFloatingTags() {
    assertThat(Images.unpinned("postgres")).isPresent();
    assertThat(Images.unpinned("postgres:latest")).isPresent();
    assertThat(Images.unpinned("postgres:16")).isPresent();
    assertThat(Images.unpinned("temporalio/ui:${UI_TAG}")).isPresent();
    assertThat(Images.unpinned("registry.local:5000/settle/gateway")).isPresent();
    assertThat(Images.unpinned("postgres:16.14")).isEmpty();
    assertThat(Images.unpinned("eclipse-temurin:17.0.20_8-jre-noble")).isEmpty();
    assertThat(Images.unpinned("registry.local:5000/settle/gateway:0.1.0")).isEmpty();
  }
}
