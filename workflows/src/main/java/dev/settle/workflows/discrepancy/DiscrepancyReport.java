package dev.settle.workflows.discrepancy;

import java.time.Instant;

/**
 * One piece of upstream evidence that contradicts what Settle answered for an operation.
 *
 * @param source where the evidence came from: webhook, statement or lookup
 * @param discrepancy how it contradicts the operation, in words an operator acts on
 * @param evidence the evidence itself, as described by its source
 * @param fact what makes two reports the same report (a webhook sent again is not a second one)
 * @param operationStatus the operation's status when the evidence arrived
 * @param receivedAt when the case received it (set by the workflow)
 */
public record DiscrepancyReport(
    String source,
    String discrepancy,
    String evidence,
    String fact,
    String operationStatus,
    Instant receivedAt) {

  DiscrepancyReport receivedAt(Instant at) {
    return new DiscrepancyReport(source, discrepancy, evidence, fact, operationStatus, at);
  }
}
