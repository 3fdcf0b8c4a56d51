package dev.settle.chaos.schedule;

import dev.settle.chaos.schedule.PlannedOperation.Item;
import dev.settle.chaos.schedule.PlannedOperation.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds a run's schedule from its seed alone (plus the run id that prefixes its keys and accounts,
 * so that two runs on one stack never share a key). Pure: no clock, no I/O.
 */
public final class ScheduleGenerator {
  /** Fault rules are installed in batches, one per this many operations. */
  public static final int BATCH = 20;

  /** Planned firings of each upstream fault mode, per operation. */
  public static final Map<String, Double> FAULT_SHARES =
      Map.of(
          FaultPlan.COMMIT_THEN_TIMEOUT, 0.35,
          FaultPlan.FAIL_BEFORE_COMMIT, 0.10,
          FaultPlan.COMMIT_THEN_RESET, 0.05,
          FaultPlan.TIMEOUT_BEFORE_COMMIT, 0.05,
          FaultPlan.LATENCY, 0.10);

  /**
   * Longer than the stack's upstream read timeout (1.5 s): the caller gives up before the answer.
   */
  public static final long HANG_MS = 2500;

  static final double ORDER_SHARE = 0.4;
  static final double MISMATCH_SHARE = 0.10;
  static final long PLENTY = 100_000_000L;
  static final String DECLINED_AMOUNT =
      "2000000.00"; // above upstream-sim's decline-above (1,000,000)
  private static final List<String> FORWARD_KINDS =
      List.of("payment.charge", "order.create", "stock.reserve");

  private final Random random;
  private final String runId;
  private final int operations;

  private ScheduleGenerator(long seed, String runId, int operations) {
    this.random = new Random(seed);
    this.runId = runId;
    this.operations = operations;
  }

  public static Schedule generate(long seed, String runId, int operations) {
    if (operations < 1) {
      throw new IllegalArgumentException("a run needs at least one operation");
    }
    return new ScheduleGenerator(seed, runId, operations).build(seed);
  }

  /**
   * How many times each process fault happens in a run of this size: once per 5,000 operations (a
   * JVM restart keeps a part down for about a minute on a busy 2-core machine).
   */
  public static int processFaultsEach(int operations) {
    return Math.max(1, Math.round(operations / 5000f));
  }

  private Schedule build(long seed) {
    Map<String, Long> stock = new LinkedHashMap<>();
    for (int i = 0; i < 3; i++) {
      stock.put(sku(i), PLENTY);
    }
    // A scarce SKU, so that some orders are refused for stock and unwind.
    stock.put(sku(3), (long) Math.max(10, operations / 50));
    List<PlannedOperation> ops = new ArrayList<>();
    for (int i = 0; i < operations; i++) {
      ops.add(random.nextDouble() < ORDER_SHARE ? order(i) : payment(i));
    }
    return new Schedule(
        seed,
        runId,
        List.copyOf(ops),
        faultBatches(),
        statusWindows(),
        processFaults(),
        Map.copyOf(stock));
  }

  private PlannedOperation payment(int index) {
    int debit = random.nextInt(12);
    int credit = (debit + 1 + random.nextInt(11)) % 12;
    double roll = random.nextDouble();
    String debitAccount = roll < 0.03 ? "blocked-" + runId + ".a" + debit : runId + ".a" + debit;
    String amount = roll >= 0.03 && roll < 0.05 ? DECLINED_AMOUNT : amount();
    return new PlannedOperation(
        index,
        key(index),
        Type.PAYMENT,
        debitAccount,
        runId + ".a" + credit,
        amount,
        List.of(),
        copies(),
        random.nextDouble() < MISMATCH_SHARE);
  }

  private PlannedOperation order(int index) {
    double roll = random.nextDouble();
    int customer = random.nextInt(8);
    String customerAccount =
        roll < 0.03 ? "blocked-" + runId + ".c" + customer : runId + ".c" + customer;
    String amount = roll >= 0.03 && roll < 0.06 ? DECLINED_AMOUNT : amount();
    List<Item> items = new ArrayList<>();
    int lines = 1 + random.nextInt(2);
    for (int line = 0; line < lines; line++) {
      int sku = random.nextDouble() < 0.15 ? 3 : random.nextInt(3);
      items.add(new Item(sku(sku), 1 + random.nextInt(3)));
    }
    return new PlannedOperation(
        index,
        key(index),
        Type.ORDER,
        customerAccount,
        runId + ".m" + random.nextInt(2),
        amount,
        List.copyOf(items),
        copies(),
        random.nextDouble() < MISMATCH_SHARE);
  }

  private String amount() {
    int cents = 1 + random.nextInt(99_999);
    return (cents / 100) + "." + String.format("%02d", cents % 100);
  }

  /** 1 to 5 identical copies, mostly few: 40/25/15/10/10 %. */
  private int copies() {
    double roll = random.nextDouble();
    return roll < 0.40 ? 1 : roll < 0.65 ? 2 : roll < 0.80 ? 3 : roll < 0.90 ? 4 : 5;
  }

  private List<FaultBatch> faultBatches() {
    List<FaultBatch> batches = new ArrayList<>();
    for (int start = 0; start < operations; start += BATCH) {
      int size = Math.min(BATCH, operations - start);
      List<FaultPlan> rules = new ArrayList<>();
      for (String mode : List.copyOf(new java.util.TreeSet<>(FAULT_SHARES.keySet()))) {
        int count = roundRandomly(FAULT_SHARES.get(mode) * size);
        if (count == 0) {
          continue;
        }
        String operation =
            random.nextDouble() < 0.3
                ? FORWARD_KINDS.get(random.nextInt(FORWARD_KINDS.size()))
                : null;
        long latency = mode.equals(FaultPlan.LATENCY) ? 200 + random.nextInt(1800) : HANG_MS;
        if (mode.equals(FaultPlan.FAIL_BEFORE_COMMIT) || mode.equals(FaultPlan.COMMIT_THEN_RESET)) {
          latency = 0;
        }
        rules.add(new FaultPlan(mode, count, 0.5, latency, operation));
      }
      Collections.shuffle(rules, random);
      batches.add(new FaultBatch(start, List.copyOf(rules)));
    }
    return List.copyOf(batches);
  }

  /** floor(x), plus one with probability frac(x): the expected total is x. */
  private int roundRandomly(double x) {
    int whole = (int) Math.floor(x);
    return whole + (random.nextDouble() < x - whole ? 1 : 0);
  }

  private List<StatusWindow> statusWindows() {
    List<StatusWindow> windows = new ArrayList<>();
    // The first one early, before the first process fault, while reconciliation is busy.
    int at = Math.max(1, (int) (operations * 0.05));
    while (at < operations) {
      windows.add(new StatusWindow(at, 3000 + random.nextInt(5000)));
      at += 120 + random.nextInt(130);
    }
    return List.copyOf(windows);
  }

  /**
   * Each kind {@link #processFaultsEach} times, interleaved (worker, gateway, temporal, worker, …),
   * spread evenly over the run with a little jitter, never in the first or last 10 %.
   */
  private List<ProcessFault> processFaults() {
    int each = processFaultsEach(operations);
    ProcessFault.Kind[] kinds = ProcessFault.Kind.values();
    int slots = each * kinds.length;
    List<ProcessFault> faults = new ArrayList<>();
    for (int slot = 0; slot < slots; slot++) {
      double at = 0.15 + 0.65 * slot / Math.max(1, slots - 1);
      double jitter = (random.nextDouble() - 0.5) * 0.1 / slots;
      int index = (int) Math.round(Math.min(0.9, Math.max(0.1, at + jitter)) * (operations - 1));
      ProcessFault.Kind kind = kinds[slot % kinds.length];
      long down =
          switch (kind) {
            case WORKER_KILL -> 1000 + random.nextInt(4000);
            case GATEWAY_RESTART -> 500 + random.nextInt(1500);
            case TEMPORAL_RESTART -> 1000 + random.nextInt(2000);
          };
      faults.add(new ProcessFault(index, kind, down));
    }
    return List.copyOf(faults);
  }

  private String key(int index) {
    return runId + "-" + index;
  }

  private String sku(int n) {
    return runId + "-sku" + n;
  }
}
