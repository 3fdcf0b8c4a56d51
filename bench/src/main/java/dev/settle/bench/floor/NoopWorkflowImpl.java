package dev.settle.bench.floor;

/** Returns its input: no activity, no timer, no search attribute. */
public class NoopWorkflowImpl implements NoopWorkflow {
  @Override
  public String run(String input) {
    return input;
  }
}
