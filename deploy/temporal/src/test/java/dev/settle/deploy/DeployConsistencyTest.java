package dev.settle.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The files under deploy/ agree with the apps' own settings (ports, jars, bind address) and with
 * each other: the search attributes come from search-attributes.txt, compose and Helm run the same
 * Temporal release, and docs/deploy.md names the pinned versions.
 */
class DeployConsistencyTest {
  static final JsonNode COMPOSE = DeployFiles.single(DeployFiles.COMPOSE).path("services");
  static final JsonNode HELM = DeployFiles.single(DeployFiles.HELM_VALUES);
  static final Set<String> ATTRIBUTE_TYPES =
      Set.of("Text", "Keyword", "Int", "Double", "Bool", "Datetime", "KeywordList");

  /** The Temporal frontend port, from the default address of the two apps that connect to it. */
  static int temporalPort() {
    int gateway = SettleApp.port(SettleApp.gateway().temporalAddress());
    assertThat(SettleApp.port(SettleApp.worker().temporalAddress())).isEqualTo(gateway);
    return gateway;
  }

  @Test
  void composeServesEachAppOnItsDefaultPortAndReachesTemporalAndTheUpstreamByServiceName() {
    List<String> problems = new ArrayList<>();
    for (SettleApp app : SettleApp.all()) {
      JsonNode service = COMPOSE.path(app.name());
      assertThat(service.isObject()).as("compose service %s", app.name()).isTrue();
      assertThat(Manifests.appOf(service.path("image").asText())).contains(app);
      for (JsonNode mapping : service.path("ports")) {
        if (Manifests.containerPort(mapping.asText()) != app.port()
            || !Manifests.hostPort(mapping.asText()).orElse(app.port()).equals(app.port())
            || !Manifests.composeVariables(mapping.asText()).stream()
                .allMatch(app.portVariable()::equals)) {
          problems.add(
              app.name()
                  + " publishes "
                  + mapping.asText()
                  + ", not "
                  + app.portVariable()
                  + " "
                  + app.port());
        }
      }
      Map<String, String> env = Manifests.environment(service.path("environment"));
      check(problems, env, app.portVariable(), String.valueOf(app.port()), app.name());
      check(problems, env, "SETTLE_BIND", "0.0.0.0", app.name());
      String temporal = env.get("SETTLE_TEMPORAL_ADDRESS");
      if (temporal != null) {
        String host = temporal.substring(0, temporal.lastIndexOf(':'));
        if (SettleApp.port(temporal) != temporalPort()
            || !publishes(COMPOSE.path(host), temporalPort())) {
          problems.add(
              app.name() + " reaches Temporal at " + temporal + ", which no service serves");
        }
      }
      String upstream = env.get("SETTLE_UPSTREAM_URL");
      if (upstream != null) {
        URI uri = URI.create(Manifests.composeDefault(upstream));
        SettleApp sim = SettleApp.upstreamSim();
        if (!uri.getHost().equals(sim.name()) || uri.getPort() != sim.port()) {
          problems.add(
              app.name()
                  + " calls the upstream at "
                  + upstream
                  + ", not "
                  + sim.name()
                  + ":"
                  + sim.port());
        }
      }
    }
    JsonNode ui = COMPOSE.path("temporal-ui");
    String uiPort =
        Manifests.environment(ui.path("environment")).getOrDefault("TEMPORAL_UI_PORT", "8080");
    for (JsonNode mapping : ui.path("ports")) {
      if (Manifests.containerPort(mapping.asText()) != Integer.parseInt(uiPort)) {
        problems.add("temporal-ui publishes " + mapping.asText() + " but listens on " + uiPort);
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void kubernetesConfigPointsAtTheTemporalFrontendPortAndBindsEveryInterface() {
    List<String> problems = new ArrayList<>();
    for (JsonNode map : Manifests.ofKind(Manifests.kubernetes(), "ConfigMap")) {
      Map<String, String> data = Manifests.environment(map.path("data"));
      check(problems, data, "SETTLE_BIND", "0.0.0.0", Manifests.name(map));
      String temporal = data.get("SETTLE_TEMPORAL_ADDRESS");
      if (temporal != null && SettleApp.port(temporal) != temporalPort()) {
        problems.add(
            Manifests.name(map)
                + ": SETTLE_TEMPORAL_ADDRESS "
                + temporal
                + " is not on port "
                + temporalPort());
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void dockerfilesPackageTheAppsJarsAndServeTheirDefaultPortsAsNonRoot() {
    for (SettleApp app : SettleApp.all()) {
      var file = DeployFiles.DOCKER.resolve(app.name() + ".Dockerfile");
      Dockerfile dockerfile = Dockerfile.read(file);
      String name = DeployFiles.relative(file);
      assertThat(dockerfile.all("COPY"))
          .as("%s COPY", name)
          .anyMatch(c -> c.startsWith(app.jarPath() + " "));
      assertThat(dockerfile.env())
          .as("%s ENV", name)
          .containsEntry("SETTLE_BIND", "0.0.0.0")
          .containsEntry(app.portVariable(), String.valueOf(app.port()));
      assertThat(dockerfile.last("EXPOSE"))
          .as("%s EXPOSE", name)
          .containsExactly(String.valueOf(app.port()));
      assertThat(dockerfile.last("USER"))
          .as("%s USER", name)
          .hasSize(1)
          .noneMatch(u -> u.matches("(root|0)(:.*)?"));
      assertThat(dockerfile.last("HEALTHCHECK"))
          .as("%s HEALTHCHECK", name)
          .singleElement()
          .asString()
          .contains("/actuator/health", "${" + app.portVariable() + "}");
      String ignore =
          DeployFiles.read(file.resolveSibling(app.name() + ".Dockerfile.dockerignore"));
      assertThat(ignore.lines().map(String::strip))
          .as("%s.dockerignore", name)
          .contains("*", "!" + app.jarPath());
    }
  }

  @Test
  void searchAttributesComeFromSearchAttributesTxtEverywhere() {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (String line : DeployFiles.read(DeployFiles.SEARCH_ATTRIBUTES).split("\n")) {
      String entry = line.replaceAll("#.*", "").replaceAll("\\s+", "");
      if (!entry.isEmpty()) {
        String[] nameType = entry.split("=", 2);
        attributes.put(nameType[0], nameType[1]);
      }
    }
    assertThat(attributes).isNotEmpty();
    assertThat(attributes.values()).allMatch(ATTRIBUTE_TYPES::contains);

    // compose: the setup job reads the file itself.
    List<String> mounts = new ArrayList<>();
    COMPOSE.forEach(s -> s.path("volumes").forEach(v -> mounts.add(v.asText())));
    assertThat(mounts).anyMatch(m -> m.startsWith("./search-attributes.txt:"));

    // Helm: the hook job carries the list; its namespace is the one the chart creates and Settle
    // uses.
    JsonNode job = helmSearchAttributeJob();
    Map<String, String> env = Manifests.environment(job.at("/spec/template/spec/containers/0/env"));
    List<String> listed =
        Arrays.asList(env.getOrDefault("SEARCH_ATTRIBUTES", "").trim().split("\\s+"));
    assertThat(listed)
        .containsExactlyElementsOf(
            attributes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    List<String> created = new ArrayList<>();
    HELM.at("/server/config/namespaces/namespace")
        .forEach(n -> created.add(n.path("name").asText()));
    assertThat(HELM.at("/server/config/namespaces/create").asBoolean()).isTrue();
    assertThat(created).contains(env.get("NAMESPACE"));
    assertThat(SettleApp.port(env.get("TEMPORAL_ADDRESS"))).isEqualTo(temporalPort());
    assertThat(Manifests.ofKind(Manifests.kubernetes(), "ConfigMap"))
        .map(m -> m.at("/data/SETTLE_TEMPORAL_NAMESPACE").asText(null))
        .contains(env.get("NAMESPACE"));
  }

  @Test
  void helmValuesPutBothStoresOnPostgresqlAndSizeEveryService() {
    for (String store : List.of("default", "visibility")) {
      String path = "/server/config/persistence/datastores/" + store + "/sql/pluginName";
      assertThat(HELM.at(path).asText()).as(path).startsWith("postgres");
    }
    assertThat(HELM.at("/web/enabled").asBoolean()).isTrue();
    for (String service :
        List.of("server/frontend", "server/history", "server/matching", "server/worker", "web")) {
      assertThat(HELM.at("/" + service + "/replicaCount").asInt())
          .as(service + " replicas")
          .isPositive();
      assertThat(HELM.at("/" + service + "/resources/requests").isObject())
          .as(service + " requests")
          .isTrue();
    }
    JsonNode frontendPort = HELM.at("/server/frontend/service/port");
    assertThat(frontendPort.isMissingNode() || frontendPort.asInt() == temporalPort()).isTrue();
  }

  @Test
  void composeAndHelmRunTheSameTemporalReleaseAndTheDocsNameEveryPin() {
    Map<String, String> helmTags =
        Map.of(
            "temporalio/server", HELM.at("/server/image/tag").asText(),
            "temporalio/admin-tools", HELM.at("/admintools/image/tag").asText(),
            "temporalio/ui", HELM.at("/web/image/tag").asText());
    List<Images.Use> uses = new ArrayList<>(Images.in("compose", COMPOSE));
    uses.addAll(Images.in("helm", HELM));
    for (var file : DeployFiles.dockerfiles()) {
      for (Dockerfile.From from : Dockerfile.read(file).froms()) {
        uses.add(new Images.Use(DeployFiles.relative(file), from.image()));
      }
    }
    for (Images.Use use : uses) {
      if (helmTags.containsKey(use.repository())) {
        assertThat(use.tag())
            .as("%s %s", use.where(), use.repository())
            .isEqualTo(helmTags.get(use.repository()));
      }
    }

    String values = DeployFiles.read(DeployFiles.HELM_VALUES);
    Matcher chart = Pattern.compile("temporalio/temporal chart version (\\S+)").matcher(values);
    assertThat(chart.find()).as("chart version pinned in a comment of the Helm values").isTrue();
    String install = "--version " + chart.group(1);
    assertThat(values).contains(install);
    String docs = DeployFiles.read(DeployFiles.DOCS);
    assertThat(docs).contains(install);
    for (Images.Use use : uses) {
      if (!use.repository().startsWith("settle/")) {
        assertThat(docs).as("docs/deploy.md names %s", use.ref()).contains(use.ref());
      }
    }
  }

  /**
   * The cluster bin/settle runs (SETTLE_ENGINE=cluster), compose and the Helm values run the same
   * Temporal server and UI releases with the same shard count and dynamic config.
   */
  @Test
  void theClusterThatRunsHereComposeAndHelmAgreeOnReleaseShardsAndDynamicConfig() {
    String tools = DeployFiles.read(DeployFiles.ROOT.resolve("bin/lib/tools.sh"));
    String server = shellValue(tools, "TEMPORAL_SERVER_VERSION");
    String ui = shellValue(tools, "TEMPORAL_UI_SERVER_VERSION");
    assertThat(server).isEqualTo("1.32.1");
    assertThat(HELM.at("/server/image/tag").asText()).isEqualTo(server);
    assertThat(HELM.at("/admintools/image/tag").asText()).isEqualTo(server);
    assertThat(HELM.at("/web/image/tag").asText()).isEqualTo(ui);
    assertThat(COMPOSE.at("/temporal/image").asText()).isEqualTo("temporalio/server:" + server);
    assertThat(COMPOSE.at("/temporal-ui/image").asText()).isEqualTo("temporalio/ui:" + ui);

    JsonNode cluster = DeployFiles.single(DeployFiles.CLUSTER_CONFIG);
    int shards = cluster.at("/persistence/numHistoryShards").asInt();
    assertThat(shards).isEqualTo(8);
    assertThat(HELM.at("/server/config/persistence/numHistoryShards").asInt()).isEqualTo(shards);
    assertThat(Manifests.environment(COMPOSE.at("/temporal/environment")))
        .containsEntry("NUM_HISTORY_SHARDS", String.valueOf(shards));
    for (String store : List.of("postgres-default", "postgres-visibility")) {
      assertThat(cluster.at("/persistence/datastores/" + store + "/sql/pluginName").asText())
          .isEqualTo("postgres12");
    }

    String file = DeployFiles.DYNAMIC_CONFIG.getFileName().toString();
    assertThat(DeployFiles.read(DeployFiles.DEPLOY.resolve("temporal/cluster.sh")))
        .contains("deploy/temporal/dynamicconfig/" + file);
    assertThat(
            Manifests.environment(COMPOSE.at("/temporal/environment"))
                .get("DYNAMIC_CONFIG_FILE_PATH"))
        .endsWith("/dynamicconfig/" + file);
    JsonNode dynamic = DeployFiles.single(DeployFiles.DYNAMIC_CONFIG).deepCopy();
    ((ObjectNode) dynamic).remove("system.forceSearchAttributesCacheRefreshOnRead");
    assertThat(HELM.at("/server/dynamicConfig")).isEqualTo(dynamic);
  }

  private static String shellValue(String script, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "=(\\S+)").matcher(script);
    assertThat(m.find()).as("%s= in bin/lib/tools.sh", name).isTrue();
    return m.group(1);
  }

  static JsonNode helmSearchAttributeJob() {
    for (JsonNode object : HELM.path("extraObjects")) {
      for (JsonNode manifest : DeployFiles.helmTemplate(object.asText())) {
        if (manifest.path("kind").asText().equals("Job")
            && Manifests.name(manifest).contains("search-attributes")) {
          return manifest;
        }
      }
    }
    throw new AssertionError("no search-attributes Job in the Helm values' extraObjects");
  }

  private static boolean publishes(JsonNode service, int port) {
    for (JsonNode mapping : service.path("ports")) {
      if (Manifests.containerPort(mapping.asText()) == port) {
        return true;
      }
    }
    return false;
  }

  private static void check(
      List<String> problems, Map<String, String> env, String key, String expected, String who) {
    String value = env.get(key);
    if (value != null && !Manifests.composeDefault(value).equals(expected)) {
      problems.add(who + ": " + key + "=" + value + ", expected " + expected);
    }
  }
}
