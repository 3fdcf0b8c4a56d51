package dev.settle.workflows.order;

import dev.settle.workflows.operation.Attempt.Step;
import dev.settle.workflows.operation.OperationCore;
import dev.settle.workflows.operation.Resolution;
import dev.settle.workflows.order.SagaStep.Compensation;
import dev.settle.workflows.order.SagaStep.Outcome;
import io.temporal.failure.ActivityFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A saga's steps as the status shows them, and their unwinding: every registered step compensated
 * in reverse, one that never applied skipped, one whose compensation keeps failing past its horizon
 * left to an operator. It never asks which step it holds.
 */
final class SagaRunner {
  private final OperationCore core;
  private final List<SagaStep> steps = new ArrayList<>();
  private boolean compensating;

  SagaRunner(List<UpstreamStep> plan, OperationCore core) {
    this.core = core;
    for (UpstreamStep step : plan) {
      steps.add(new SagaStep(step.name(), Outcome.PENDING, null, Compensation.NONE, null));
    }
  }

  Outcome mark(UpstreamStep step, Outcome outcome, String reference, String detail) {
    set(step, step(step).with(outcome, reference, detail));
    return outcome;
  }

  /**
   * Compensates {@code registered} in reverse.
   *
   * @param operator enters MANUAL_REVIEW with the reason given, and returns the operator's verdict,
   *     or null when the operator asks to try again
   * @param undone what else to undo once a step's compensation undid it
   */
  void unwind(
      List<UpstreamStep> registered,
      Function<String, Resolution> operator,
      Consumer<UpstreamStep> undone) {
    compensating = true;
    for (int i = registered.size() - 1; i >= 0; i--) {
      UpstreamStep step = registered.get(i);
      if (step(step).outcome() == Outcome.NOT_APPLIED) {
        set(step, step(step).with(Compensation.NOT_NEEDED, step(step).detail()));
        continue;
      }
      compensate(step, operator, undone);
    }
  }

  private void compensate(
      UpstreamStep step, Function<String, Resolution> operator, Consumer<UpstreamStep> undone) {
    while (true) {
      set(step, step(step).with(Compensation.RUNNING, step(step).detail()));
      try {
        CompensationResult result = step.compensate().get();
        String outcome = result.undone() ? "DONE" : "NOT_NEEDED";
        core.record(Step.COMPENSATION, outcome, step + ": " + result.detail());
        core.metrics().compensation(step.name().name(), outcome);
        set(
            step,
            step(step)
                .with(
                    result.undone() ? Compensation.DONE : Compensation.NOT_NEEDED,
                    result.detail()));
        if (result.undone()) {
          undone.accept(step);
        }
        return;
      } catch (ActivityFailure stuck) {
        set(step, step(step).with(Compensation.STUCK, stuck.getMessage()));
        core.record(Step.COMPENSATION, "STUCK", step + ": " + stuck.getMessage());
        core.metrics().compensation(step.name().name(), "STUCK");
        Resolution verdict = operator.apply("compensation of " + step + " keeps failing");
        if (verdict != null) {
          set(step, step(step).with(Compensation.DONE, "undone by hand: " + verdict.operator()));
          return;
        }
      }
    }
  }

  SagaStep step(UpstreamStep step) {
    return steps.get(step.name().ordinal());
  }

  private void set(UpstreamStep step, SagaStep value) {
    steps.set(step.name().ordinal(), value);
  }

  List<SagaStep> shown() {
    return List.copyOf(steps);
  }

  boolean compensating() {
    return compensating;
  }
}
