package dev.settle.bench.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** What Linux tells about a process through /proc: its memory peak, command line, environment. */
final class ProcessInfo {
  private ProcessInfo() {}

  /** The pid recorded by {@code bin/settle} for a part, if that process is still alive. */
  static Optional<Long> partPid(Path runDir, String part) {
    Path file = runDir.resolve(part + ".pid");
    try {
      long pid = Long.parseLong(Files.readString(file).trim());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** VmHWM: the peak resident set size, in KiB. */
  static OptionalLong peakRssKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Gone or unreadable: no figure rather than a wrong one.
    }
    return OptionalLong.empty();
  }

  /** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
  private static final long TICKS_PER_SECOND = 100;

  /**
   * CPU time (user + system) the process and its live descendants have used so far, in ms; 0 when
   * it is gone. Descendants count because PostgreSQL serves each connection in a child process.
   */
  static long cpuMillis(long pid) {
    long ticks = ticks(pid);
    for (ProcessHandle child :
        ProcessHandle.of(pid).map(h -> h.descendants().toList()).orElse(List.of())) {
      ticks += ticks(child.pid());
    }
    return ticks * 1000 / TICKS_PER_SECOND;
  }

  private static long ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which is in parentheses and may hold spaces.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  static List<String> commandLine(long pid) throws IOException {
    return nulSeparated(Path.of("/proc", Long.toString(pid), "cmdline"));
  }

  static Map<String, String> environment(long pid) throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    for (String entry : nulSeparated(Path.of("/proc", Long.toString(pid), "environ"))) {
      int eq = entry.indexOf('=');
      if (eq > 0) {
        env.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    return env;
  }

  static Path workingDirectory(long pid) throws IOException {
    return Path.of("/proc", Long.toString(pid), "cwd").toRealPath();
  }

  private static List<String> nulSeparated(Path file) throws IOException {
    List<String> parts = new ArrayList<>();
    for (String part : new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\0")) {
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    return parts;
  }
}
