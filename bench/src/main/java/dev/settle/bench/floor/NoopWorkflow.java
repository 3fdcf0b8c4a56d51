package dev.settle.bench.floor;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** A workflow that does nothing: one workflow task, then complete. The dev server's floor. */
@WorkflowInterface
public interface NoopWorkflow {
  @WorkflowMethod
  String run(String input);
}
