package dev.settle.chaos.run;

import dev.settle.chaos.schedule.ProcessFault;
import dev.settle.stackkit.StackTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crashes and restarts the stack's processes through {@code bin/settle}, one fault at a time, in
 * the background while operations keep flowing.
 */
final class ProcessFaulter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProcessFaulter.class);

  private final StackTarget stack;
  private final ExecutorService one =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "chaos-process-faults");
            thread.setDaemon(true);
            return thread;
          });
  private final List<ProcessFaultRecord> done = new ArrayList<>();
  private final Consumer<ProcessFault> onDown;
  private final Consumer<ProcessFault> onBack;

  /** {@code onDown} runs once the part is down, {@code onBack} once it runs again. */
  ProcessFaulter(StackTarget stack, Consumer<ProcessFault> onDown, Consumer<ProcessFault> onBack) {
    this.stack = stack;
    this.onDown = onDown;
    this.onBack = onBack;
  }

  void submit(ProcessFault fault) {
    one.submit(() -> run(fault));
  }

  private void run(ProcessFault fault) {
    String part = fault.kind().part;
    long started = System.currentTimeMillis();
    long down = 0;
    try {
      log.info(
          "process fault at operation {}: {} {}",
          fault.atOperation(),
          fault.kind().stopCommand,
          part);
      stack.settle(fault.kind().stopCommand, part);
      long stopped = System.nanoTime();
      onDown.accept(fault);
      Thread.sleep(fault.downMillis());
      stack.settle("start", part);
      down = (System.nanoTime() - stopped) / 1_000_000;
      onBack.accept(fault);
      log.info("{} is back after {} ms", part, down);
      record(
          new ProcessFaultRecord(
              fault.kind().name(), fault.atOperation(), started, down, true, null));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      record(
          new ProcessFaultRecord(
              fault.kind().name(), fault.atOperation(), started, down, false, "interrupted"));
    } catch (RuntimeException failed) {
      log.error("process fault {} failed: {}", fault.kind(), failed.getMessage());
      record(
          new ProcessFaultRecord(
              fault.kind().name(), fault.atOperation(), started, down, false, failed.getMessage()));
      try {
        stack.settle("start", part); // whatever happened, leave the part running
        onBack.accept(fault);
      } catch (RuntimeException alsoFailed) {
        log.error("could not start {} again: {}", part, alsoFailed.getMessage());
      }
    }
  }

  private synchronized void record(ProcessFaultRecord record) {
    done.add(record);
  }

  /** Waits for every submitted fault to be over (its part running again). */
  List<ProcessFaultRecord> awaitAll() throws InterruptedException {
    one.shutdown();
    if (!one.awaitTermination(30, TimeUnit.MINUTES)) {
      throw new IllegalStateException("process faults still running after 30 min");
    }
    synchronized (this) {
      return List.copyOf(done);
    }
  }

  @Override
  public void close() {
    one.shutdownNow();
  }
}
