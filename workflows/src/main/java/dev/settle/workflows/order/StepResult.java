package dev.settle.workflows.order;

import dev.settle.workflows.operation.CallAnswer;
import dev.settle.workflows.operation.ExecutionOutcome;

/** How an order step's call ended. */
public record StepResult(ExecutionOutcome outcome, String reference, int httpStatus, String detail)
    implements CallAnswer {}
