package dev.settle.workflows.payment;

import dev.settle.workflows.operation.LookupAnswer;
import dev.settle.workflows.operation.LookupOutcome;

/** What the payments upstream's status endpoint said about a key. */
public record LookupResult(LookupOutcome outcome, String upstreamPaymentId, String detail)
    implements LookupAnswer {

  @Override
  public String reference() {
    return upstreamPaymentId;
  }
}
