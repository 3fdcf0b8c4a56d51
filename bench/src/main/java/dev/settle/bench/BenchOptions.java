package dev.settle.bench;

import dev.settle.bench.load.Bounds;
import dev.settle.bench.load.Load;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line.
 *
 * @param scenarios which scenarios, in the order they run at each load
 * @param loads closed-loop concurrencies, or open-loop rates
 * @param duration how long each measured cell runs (after its warm-up)
 * @param count at most this many operations per cell, if set
 * @param warmup an unmeasured run before each cell, at the same load
 * @param workers numbers of worker processes to measure with, ascending
 * @param ambiguousCount operations of the ambiguous scenario, run once at the end; kept below the
 *     circuit breaker's minimum number of calls (10) so the breaker never opens on them
 * @param ambiguousConcurrency how many of those run at once
 * @param faultLatency how long upstream-sim holds the committed answer; above the worker's read
 *     timeout (3 s by default), so every call is ambiguous
 * @param out also write the report there
 * @param stack a stack of the bench's own in a state folder (started, measured, stopped), or none:
 *     the running stack the SETTLE_* environment describes
 * @param keepStack leave the bench's own stack running afterwards, to look into it
 * @param jfr record JFR profiles of the gateway and the worker into this folder
 * @param args the command line as given, for the report
 */
public record BenchOptions(
    List<String> scenarios,
    List<Load> loads,
    Duration duration,
    Optional<Long> count,
    Duration warmup,
    List<Integer> workers,
    int ambiguousCount,
    int ambiguousConcurrency,
    Duration faultLatency,
    String apiKey,
    String clientId,
    Optional<Path> out,
    Optional<Path> stack,
    boolean keepStack,
    Optional<Path> jfr,
    List<String> args) {

  public static final List<String> ALL_SCENARIOS =
      List.of("floor", "no-durability", "raw", "gateway", "first-answer", "ambiguous");

  /** The bench's own stack's state folder, below the repository. */
  static final Path DEFAULT_STACK_HOME = Path.of("bench/target/stack");

  /** The time bound of a cell when only a count was given. */
  static final Duration COUNT_TIME_CAP = Duration.ofMinutes(5);

  public static final String USAGE =
      """
      usage: java -jar bench/target/settle-bench.jar [options]   (or bench/run.sh [options])
        --scenarios LIST      %s (default: all)
        --concurrency LIST    closed loop at each concurrency (default 1,8,32,64)
        --rate LIST           open loop at each rate in operations/s instead
        --max-in-flight N     open loop: operations in flight at most (default 256)
        --duration D          each measured cell runs this long, e.g. 20s, 1m (default 20s)
        --count N             ... or stops after N operations, whichever comes first
        --warmup D            unmeasured run before each cell (default 3s; 0 for none)
        --workers LIST        worker processes to measure with, e.g. 1,2 (default 1)
        --ambiguous-count N   operations of the ambiguous scenario (default 8)
        --ambiguous-concurrency N  (default 8)
        --fault-latency D     upstream-sim holds committed answers this long (default 4s)
        --api-key KEY         gateway API key (default dev-key-demo) of client --client-id (demo)
        --out FILE            also write the report (markdown) to FILE
        --stack-home DIR      state folder of the bench's own stack (default bench/target/stack)
        --keep-stack          leave that stack running afterwards
        --target-running      measure the running stack that SETTLE_HOME, SETTLE_BIND and
                              SETTLE_*_PORT describe, as bin/settle uses them, instead
        --jfr DIR             record JFR profiles of the gateway and the worker into DIR
      The bench's own stack: bin/settle up on free loopback ports, from an empty state folder,
      every JVM at SETTLE_JAVA_OPTS (default -Xmx256m); bin/settle down at the end.
      """
          .formatted(String.join(",", ALL_SCENARIOS));

  public Bounds cellBounds() {
    Duration time = duration;
    if (count.isPresent() && !explicitDuration()) {
      time = COUNT_TIME_CAP;
    }
    return new Bounds(count.orElse(Long.MAX_VALUE), time);
  }

  private boolean explicitDuration() {
    return args.contains("--duration");
  }

  public static BenchOptions parse(String... argv) {
    List<String> scenarios = ALL_SCENARIOS;
    List<Integer> concurrency = List.of(1, 8, 32, 64);
    List<Double> rates = List.of();
    int maxInFlight = 256;
    Duration duration = Duration.ofSeconds(20);
    Optional<Long> count = Optional.empty();
    Duration warmup = Duration.ofSeconds(3);
    List<Integer> workers = List.of(1);
    int ambiguousCount = 8;
    int ambiguousConcurrency = 8;
    Duration faultLatency = Duration.ofSeconds(4);
    String apiKey = "dev-key-demo";
    String clientId = "demo";
    Optional<Path> out = Optional.empty();
    Optional<Path> stack = Optional.of(DEFAULT_STACK_HOME);
    boolean keepStack = false;
    Optional<Path> jfr = Optional.empty();
    for (int i = 0; i < argv.length; i++) {
      String option = argv[i];
      if (option.equals("--help") || option.equals("-h")) {
        throw new UsageException("");
      }
      if (option.equals("--target-running")) {
        stack = Optional.empty();
        continue;
      }
      if (option.equals("--keep-stack")) {
        keepStack = true;
        continue;
      }
      if (i + 1 >= argv.length) {
        throw new UsageException(option + " needs a value");
      }
      String value = argv[++i];
      switch (option) {
        case "--scenarios" -> scenarios = scenarios(value);
        case "--concurrency" -> concurrency = ints(option, value);
        case "--rate" ->
            rates = Arrays.stream(value.split(",")).map(v -> positive(option, v)).toList();
        case "--max-in-flight" -> maxInFlight = ints(option, value).get(0);
        case "--duration" -> duration = duration(option, value);
        case "--count" -> count = Optional.of((long) ints(option, value).get(0));
        case "--warmup" -> warmup = duration(option, value);
        case "--workers" -> workers = ints(option, value).stream().sorted().distinct().toList();
        case "--ambiguous-count" -> ambiguousCount = ints(option, value).get(0);
        case "--ambiguous-concurrency" -> ambiguousConcurrency = ints(option, value).get(0);
        case "--fault-latency" -> faultLatency = duration(option, value);
        case "--api-key" -> apiKey = value;
        case "--client-id" -> clientId = value;
        case "--out" -> out = Optional.of(Path.of(value));
        case "--stack-home" -> stack = Optional.of(Path.of(value));
        case "--jfr" -> jfr = Optional.of(Path.of(value));
        default -> throw new UsageException("unknown option " + option);
      }
    }
    if (duration.isZero()) {
      throw new UsageException("--duration must be positive");
    }
    List<Load> loads = new ArrayList<>();
    if (rates.isEmpty()) {
      concurrency.forEach(c -> loads.add(Load.closed(c)));
    } else {
      for (double rate : rates) {
        loads.add(Load.open(rate, maxInFlight));
      }
    }
    return new BenchOptions(
        scenarios,
        List.copyOf(loads),
        duration,
        count,
        warmup,
        workers,
        ambiguousCount,
        ambiguousConcurrency,
        faultLatency,
        apiKey,
        clientId,
        out,
        stack,
        keepStack,
        jfr,
        List.of(argv));
  }

  private static List<String> scenarios(String value) {
    List<String> chosen = List.of(value.split(","));
    for (String s : chosen) {
      if (!ALL_SCENARIOS.contains(s)) {
        throw new UsageException("unknown scenario " + s + "; known: " + ALL_SCENARIOS);
      }
    }
    // Always in the canonical order: ambiguous last, because its timeouts count against the
    // worker's circuit breaker and would disturb whatever ran after it.
    return ALL_SCENARIOS.stream().filter(chosen::contains).toList();
  }

  private static List<Integer> ints(String option, String value) {
    List<Integer> list = new ArrayList<>();
    for (String v : value.split(",")) {
      list.add((int) positive(option, v));
    }
    return list;
  }

  private static double positive(String option, String value) {
    try {
      double d = Double.parseDouble(value.trim());
      if (d >= 1) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(option + " needs numbers of at least 1, got '" + value + "'");
  }

  private static final Pattern DURATION = Pattern.compile("([0-9]+)(ms|s|m)?");

  static Duration duration(String option, String value) {
    Matcher m = DURATION.matcher(value.trim());
    if (!m.matches()) {
      throw new UsageException(
          option + " needs a duration such as 500ms, 20s or 2m, got '" + value + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2) == null ? "s" : m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofSeconds(n);
    };
  }

  /** A command line the bench cannot run; the message says why. */
  public static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
