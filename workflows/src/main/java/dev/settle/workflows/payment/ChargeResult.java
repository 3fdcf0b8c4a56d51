package dev.settle.workflows.payment;

import dev.settle.workflows.operation.CallAnswer;
import dev.settle.workflows.operation.ExecutionOutcome;

/** How a charge call ended. */
public record ChargeResult(
    ExecutionOutcome outcome, String upstreamPaymentId, int httpStatus, String detail)
    implements CallAnswer {

  @Override
  public String reference() {
    return upstreamPaymentId;
  }
}
