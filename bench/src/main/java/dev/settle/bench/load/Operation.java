package dev.settle.bench.load;

/**
 * One unit of work the driver times. It returns normally only when the operation completed the way
 * the scenario expects (e.g. a payment CONFIRMED); anything else throws and counts as an error.
 */
@FunctionalInterface
public interface Operation {
  /**
   * @param seq unique within a run, for idempotency keys and workflow IDs
   * @param marks records extra timings of this operation, measured from the same start
   */
  void run(long seq, Marks marks) throws Exception;
}
