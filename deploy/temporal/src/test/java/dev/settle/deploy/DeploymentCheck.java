package dev.settle.deploy;

import static dev.settle.deploy.Manifests.name;
import static dev.settle.deploy.Manifests.ofKind;
import static dev.settle.deploy.Manifests.selects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * What a Deployment of a Settle app needs: probes on the apps' probe groups, resource requests, a
 * grace period longer than the app's drain, and around it a Service, a PodDisruptionBudget and a
 * CPU autoscaler, and the ConfigMaps and Secrets it reads. Problems are added to the list given.
 */
final class DeploymentCheck {
  private final JsonNode deployment;
  private final List<JsonNode> resources;
  private final List<String> problems;
  private final JsonNode template;

  DeploymentCheck(JsonNode deployment, List<JsonNode> resources, List<String> problems) {
    this.deployment = deployment;
    this.resources = resources;
    this.problems = problems;
    this.template = deployment.path("spec").path("template");
  }

  void run() {
    JsonNode labels = template.path("metadata").path("labels");
    if (!selects(deployment.at("/spec/selector/matchLabels"), labels)) {
      problem("its selector does not select its pod template");
    }
    JsonNode containers = template.path("spec").path("containers");
    if (containers.isEmpty()) {
      problem("no containers");
    }
    containers.forEach(this::container);
    budgetAndAutoscaler(labels);
    service(labels, containers);
  }

  private void container(JsonNode container) {
    String image = container.path("image").asText();
    Optional<SettleApp> found = Manifests.appOf(image);
    if (found.isEmpty()) {
      problem("image " + image + " is not one of Settle's apps (settle/NAME:version)");
      return;
    }
    SettleApp app = found.get();
    probe(container, "readinessProbe", "/actuator/health/readiness");
    probe(container, "livenessProbe", "/actuator/health/liveness");
    for (String r : List.of("requests/cpu", "requests/memory", "limits/memory")) {
      if (container.at("/resources/" + r).asText().isEmpty()) {
        problem("no resources." + r.replace('/', '.'));
      }
    }
    if (!servesOn(container, app.port())) {
      problem(
          "no containerPort "
              + app.port()
              + " ("
              + app.portVariable()
              + " in "
              + app.module()
              + ")");
    }
    String scrapePort = template.at("/metadata/annotations/prometheus.io~1port").asText();
    if (!scrapePort.isEmpty() && !scrapePort.equals(String.valueOf(app.port()))) {
      problem("prometheus.io/port " + scrapePort + " is not the app's port " + app.port());
    }
    long grace = template.path("spec").path("terminationGracePeriodSeconds").asLong(30);
    long drain = app.shutdownPhase().toSeconds() + preStopSeconds(container);
    if (grace <= drain) {
      problem(
          "terminationGracePeriodSeconds "
              + grace
              + " is not above preStop + drain = "
              + drain
              + "s");
    }
    for (JsonNode source : container.path("envFrom")) {
      expectResource(source.path("configMapRef").path("name").asText(), "ConfigMap");
      expectResource(source.path("secretRef").path("name").asText(), "Secret");
    }
  }

  private void probe(JsonNode container, String probe, String path) {
    JsonNode get = container.path(probe).path("httpGet");
    if (!get.path("path").asText().equals(path)) {
      problem(probe + " is not an httpGet of " + path);
    } else if (!resolves(container, get.path("port"))) {
      problem(probe + " port " + get.path("port") + " is none of the container's ports");
    }
  }

  private static boolean servesOn(JsonNode container, int port) {
    for (JsonNode p : container.path("ports")) {
      if (p.path("containerPort").asInt() == port) {
        return true;
      }
    }
    return false;
  }

  /** A port by number or by name, as probes and Services refer to it. */
  private static boolean resolves(JsonNode container, JsonNode port) {
    for (JsonNode p : container.path("ports")) {
      if (port.isInt()
          ? p.path("containerPort").asInt() == port.asInt()
          : p.path("name").asText().equals(port.asText())) {
        return true;
      }
    }
    return false;
  }

  private static long preStopSeconds(JsonNode container) {
    JsonNode preStop = container.path("lifecycle").path("preStop");
    JsonNode command = preStop.path("exec").path("command");
    if (command.size() == 2 && command.get(0).asText().equals("sleep")) {
      return command.get(1).asLong();
    }
    return preStop.path("sleep").path("seconds").asLong(0);
  }

  private void budgetAndAutoscaler(JsonNode labels) {
    List<JsonNode> budgets =
        ofKind(resources, "PodDisruptionBudget").stream()
            .filter(b -> selects(b.at("/spec/selector/matchLabels"), labels))
            .toList();
    if (budgets.isEmpty()) {
      problem("no PodDisruptionBudget selects its pods");
    }
    List<JsonNode> autoscalers =
        ofKind(resources, "HorizontalPodAutoscaler").stream()
            .filter(h -> h.at("/spec/scaleTargetRef/kind").asText().equals("Deployment"))
            .filter(h -> h.at("/spec/scaleTargetRef/name").asText().equals(name(deployment)))
            .toList();
    if (autoscalers.isEmpty()) {
      problem("no HorizontalPodAutoscaler scales it");
    }
    for (JsonNode autoscaler : autoscalers) {
      boolean onCpu = false;
      for (JsonNode metric : autoscaler.at("/spec/metrics")) {
        onCpu |= metric.at("/resource/name").asText().equals("cpu");
      }
      if (!onCpu) {
        problem("its HorizontalPodAutoscaler does not scale on CPU");
      }
      int min = autoscaler.at("/spec/minReplicas").asInt(1);
      if (min < 2) {
        problem("its HorizontalPodAutoscaler may scale down to " + min + " pod");
      }
      for (JsonNode budget : budgets) {
        JsonNode minAvailable = budget.at("/spec/minAvailable");
        if (minAvailable.isInt() && minAvailable.asInt() >= min) {
          problem(
              "PodDisruptionBudget minAvailable "
                  + minAvailable
                  + " blocks every drain at "
                  + min
                  + " pods");
        }
      }
    }
  }

  private void service(JsonNode labels, JsonNode containers) {
    List<JsonNode> services =
        ofKind(resources, "Service").stream()
            .filter(s -> selects(s.at("/spec/selector"), labels))
            .toList();
    if (services.isEmpty()) {
      problem("no Service selects its pods");
    }
    for (JsonNode service : services) {
      for (JsonNode port : service.at("/spec/ports")) {
        JsonNode target = port.has("targetPort") ? port.path("targetPort") : port.path("port");
        boolean found = false;
        for (JsonNode container : containers) {
          found |= resolves(container, target);
        }
        if (!found) {
          problem(
              "Service " + name(service) + " targets port " + target + ", which no container has");
        }
      }
    }
  }

  private void expectResource(String name, String kind) {
    if (!name.isEmpty() && ofKind(resources, kind).stream().noneMatch(r -> name(r).equals(name))) {
      problem("reads " + kind + " " + name + ", which deploy/k8s does not define");
    }
  }

  private void problem(String what) {
    problems.add("Deployment " + name(deployment) + ": " + what);
  }
}
