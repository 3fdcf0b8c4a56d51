package dev.settle.chaos;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The command line of {@code chaos/run.sh}.
 *
 * @param targetRunning drive the stack described by the SETTLE_* environment instead of starting
 *     one
 * @param check a run log to check again, without a new run
 * @param fingerprint only print the workflow code's fingerprint (what a soak record names)
 */
record ChaosOptions(
    int operations,
    long seed,
    int concurrency,
    Duration settleWithin,
    boolean targetRunning,
    boolean keepStack,
    Path out,
    Path check,
    boolean fingerprint) {

  static final String USAGE =
      """
      usage: chaos/run.sh [--ops N] [--seed S] [--concurrency C] [--settle-within 6m] [--out DIR]
                          [--target-running] [--keep-stack] [--check RUN_LOG.json]
       chaos/run.sh --fingerprint
        --ops N            operations (payments and orders), default 1000
        --seed S           the schedule's seed (a non-negative number), default 42
        --concurrency C    clients at once, each sending its operation's copies together, default 12
        --settle-within D  how long to wait after the last operation for every one to settle, default 6m
        --target-running   drive the stack the SETTLE_* environment points at instead of starting one
        --keep-stack       leave the run's own stack running afterwards
        --out DIR          where the run log and the report go, default chaos/target
        --check FILE       only check the run of this log again, against the running stack
        --fingerprint      only print the fingerprint of the workflow code (docs/reliability.md)
      """;

  static ChaosOptions parse(Path repo, String... args) {
    int ops = 1000;
    long seed = 42;
    int concurrency = 12;
    Duration settle = Duration.ofMinutes(6);
    boolean running = false;
    boolean keep = false;
    Path out = repo.resolve("chaos/target");
    Path check = null;
    boolean fingerprint = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--ops" -> ops = Integer.parseInt(value(args, ++i, arg));
        case "--seed" -> seed = Long.parseLong(value(args, ++i, arg));
        case "--concurrency" -> concurrency = Integer.parseInt(value(args, ++i, arg));
        case "--settle-within" ->
            settle = Duration.parse("PT" + value(args, ++i, arg).toUpperCase());
        case "--target-running" -> running = true;
        case "--keep-stack" -> keep = true;
        case "--out" -> out = Path.of(value(args, ++i, arg));
        case "--check" -> check = Path.of(value(args, ++i, arg));
        case "--fingerprint" -> fingerprint = true;
        default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
      }
    }
    if (ops < 1 || seed < 0 || concurrency < 1) {
      throw new IllegalArgumentException(
          "--ops and --concurrency must be positive, --seed not negative\n" + USAGE);
    }
    return new ChaosOptions(ops, seed, concurrency, settle, running, keep, out, check, fingerprint);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
    }
    return args[i];
  }
}
