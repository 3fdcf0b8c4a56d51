package dev.settle.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a compose service needs: an image or a build (a build also names its image), a health check
 * unless it is a one-shot job, depends_on with conditions the target can meet, and bind mounts
 * whose sources exist (including files the service's environment points into).
 */
final class ComposeServiceCheck {
  private static final Set<String> CONDITIONS =
      Set.of("service_started", "service_healthy", "service_completed_successfully");

  private final String name;
  private final JsonNode service;
  private final JsonNode services;
  private final List<String> problems;

  ComposeServiceCheck(String name, JsonNode service, JsonNode services, List<String> problems) {
    this.name = name;
    this.service = service;
    this.services = services;
    this.problems = problems;
  }

  void run() {
    if (!service.has("image") && !service.has("build")) {
      problem("neither image nor build");
    }
    if (service.has("build")) {
      if (dockerfile(service).filter(Files::isRegularFile).isEmpty()) {
        problem("its build's Dockerfile " + dockerfile(service).orElse(null) + " does not exist");
      }
      if (!service.has("image")) {
        problem("builds an image without naming it (image: settle/NAME:version)");
      }
    }
    if (!oneShot(service) && !hasHealthCheck(service)) {
      problem(
          "no health check (compose healthcheck or its Dockerfile's HEALTHCHECK) and not a one-shot job"
              + " (restart: \"no\")");
    }
    if (oneShot(service) && !awaitedToComplete()) {
      problem(
          "a one-shot job that no service waits for with service_completed_successfully"
              + " (`up --wait` would wait for it to keep running)");
    }
    dependsOn();
    mounts();
  }

  private boolean awaitedToComplete() {
    for (JsonNode other : services) {
      if (other
          .at("/depends_on/" + name + "/condition")
          .asText()
          .equals("service_completed_successfully")) {
        return true;
      }
    }
    return false;
  }

  static boolean oneShot(JsonNode service) {
    return service.path("restart").asText().equals("no");
  }

  static boolean hasHealthCheck(JsonNode service) {
    if (service.has("healthcheck")) {
      return !service.path("healthcheck").path("disable").asBoolean(false);
    }
    return dockerfile(service)
        .filter(Files::isRegularFile)
        .map(f -> !Dockerfile.read(f).last("HEALTHCHECK").isEmpty())
        .orElse(false);
  }

  /**
   * The Dockerfile of a service's build, resolved like compose does (context relative to the file).
   */
  static Optional<Path> dockerfile(JsonNode service) {
    JsonNode build = service.path("build");
    if (build.isMissingNode()) {
      return Optional.empty();
    }
    String context = build.isTextual() ? build.asText() : build.path("context").asText(".");
    String file = build.path("dockerfile").asText("Dockerfile");
    return Optional.of(DeployFiles.COMPOSE.getParent().resolve(context).resolve(file).normalize());
  }

  private void dependsOn() {
    JsonNode dependsOn = service.path("depends_on");
    if (dependsOn.isArray()) {
      problem("depends_on without conditions: use the map form with a condition per service");
      return;
    }
    dependsOn
        .fields()
        .forEachRemaining(
            d -> {
              String condition = d.getValue().path("condition").asText("service_started");
              JsonNode target = services.path(d.getKey());
              if (target.isMissingNode()) {
                problem("depends on " + d.getKey() + ", which is not a service");
              } else if (!CONDITIONS.contains(condition)) {
                problem("depends on " + d.getKey() + " with unknown condition " + condition);
              } else if (condition.equals("service_healthy") && !hasHealthCheck(target)) {
                problem("waits for " + d.getKey() + " to be healthy, which has no health check");
              } else if (condition.equals("service_completed_successfully") && !oneShot(target)) {
                problem("waits for " + d.getKey() + " to complete, which is not a one-shot job");
              }
            });
  }

  private void mounts() {
    Map<String, String> env = Manifests.environment(service.path("environment"));
    for (JsonNode volume : service.path("volumes")) {
      String[] parts = volume.asText().split(":");
      if (parts.length < 2 || !parts[0].startsWith(".")) {
        continue; // a named volume
      }
      Path source = DeployFiles.COMPOSE.getParent().resolve(parts[0]).normalize();
      if (!Files.exists(source)) {
        problem("mounts " + parts[0] + ", which does not exist");
      }
      String target = parts[1];
      env.forEach(
          (key, value) -> {
            if (value.startsWith(target + "/")
                && !Files.exists(source.resolve(value.substring(target.length() + 1)))) {
              problem(
                  key
                      + "="
                      + value
                      + " points into the mount of "
                      + parts[0]
                      + ", where it does not exist");
            }
          });
    }
  }

  private void problem(String what) {
    problems.add("compose service " + name + ": " + what);
  }
}
