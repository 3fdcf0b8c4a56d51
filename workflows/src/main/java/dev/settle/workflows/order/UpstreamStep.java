package dev.settle.workflows.order;

import dev.settle.workflows.operation.Attempt;
import dev.settle.workflows.order.SagaStep.Name;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * One upstream step of a saga as data: how to execute it, look it up and undo it, what a refusal is
 * called, and how its calls show in the history. The saga runs a list of these in order and unwinds
 * them in reverse; it never asks which step it holds.
 *
 * @param refusalCode the failure code of a refusal, by the upstream's HTTP status
 */
record UpstreamStep(
    Name name,
    Attempt.Step kind,
    Supplier<StepResult> execute,
    Supplier<StepLookup> lookup,
    Supplier<CompensationResult> compensate,
    IntFunction<String> refusalCode) {

  /** The failure code of an answer that definitely did not apply the step. */
  String failureCode(StepResult result) {
    if (result.httpStatus() == 0) {
      return name.name().toLowerCase() + "-upstream-unavailable";
    }
    return refusalCode.apply(result.httpStatus());
  }

  @Override
  public String toString() {
    return name.name();
  }
}
