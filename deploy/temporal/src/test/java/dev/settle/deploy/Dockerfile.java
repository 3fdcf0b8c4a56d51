package dev.settle.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Dockerfile read as instructions (continuation lines joined, comments dropped), split in stages.
 */
record Dockerfile(Path file, List<List<Instruction>> stages) {

  record Instruction(String keyword, String arguments) {}

  /** A FROM line: the image it names, or an earlier stage's name. */
  record From(String image, boolean earlierStage) {}

  static Dockerfile read(Path file) {
    List<List<Instruction>> stages = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String raw : DeployFiles.read(file).split("\n", -1)) {
      if (line.length() == 0 && raw.strip().startsWith("#")) {
        continue;
      }
      if (raw.endsWith("\\")) {
        line.append(raw, 0, raw.length() - 1).append(' ');
        continue;
      }
      line.append(raw);
      String instruction = line.toString().strip();
      line.setLength(0);
      if (instruction.isEmpty() || instruction.startsWith("#")) {
        continue;
      }
      String[] parts = instruction.split("\\s+", 2);
      Instruction parsed =
          new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : "");
      if (parsed.keyword.equals("FROM")) {
        stages.add(new ArrayList<>());
      }
      if (stages.isEmpty()) {
        stages.add(new ArrayList<>()); // ARG before the first FROM
      }
      stages.get(stages.size() - 1).add(parsed);
    }
    return new Dockerfile(file, stages);
  }

  List<From> froms() {
    List<From> froms = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (List<Instruction> stage : stages) {
      for (Instruction i : stage) {
        if (i.keyword.equals("FROM")) {
          String[] words = i.arguments.replaceAll("--platform=\\S+", "").strip().split("\\s+");
          froms.add(new From(words[0], names.contains(words[0])));
          if (words.length == 3 && words[1].equalsIgnoreCase("AS")) {
            names.add(words[2]);
          }
        }
      }
    }
    return froms;
  }

  /** The instructions of the stage that makes the image. */
  List<Instruction> finalStage() {
    return stages.get(stages.size() - 1);
  }

  List<String> all(String keyword) {
    return stages.stream()
        .flatMap(List::stream)
        .filter(i -> i.keyword.equals(keyword))
        .map(Instruction::arguments)
        .toList();
  }

  List<String> last(String keyword) {
    return finalStage().stream()
        .filter(i -> i.keyword.equals(keyword))
        .map(Instruction::arguments)
        .toList();
  }

  /** ENV of the final stage (KEY=value form). */
  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    for (String arguments : last("ENV")) {
      for (String pair : arguments.strip().split("\\s+")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          env.put(pair.substring(0, eq), pair.substring(eq + 1).replace("\"", ""));
        }
      }
    }
    return env;
  }
}
