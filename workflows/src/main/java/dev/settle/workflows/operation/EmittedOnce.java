package dev.settle.workflows.operation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metric emissions this worker has already made, by run and number ({@link OperationMetrics}).
 * It never decides anything the workflow does, so it does not touch determinism; it is bounded, and
 * an emission re-run after its entry was evicted, or on another worker, is counted again.
 */
final class EmittedOnce {
  /** About 10 emissions per operation: the last ~10,000 operations of this worker. */
  static final int CAPACITY = 100_000;

  private static final Map<String, Boolean> SEEN =
      new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > CAPACITY;
        }
      };

  private EmittedOnce() {}

  /** True the first time this worker sees the key. */
  static synchronized boolean first(String key) {
    return SEEN.putIfAbsent(key, Boolean.TRUE) == null;
  }
}
