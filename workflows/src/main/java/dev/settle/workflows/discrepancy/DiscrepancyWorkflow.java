package dev.settle.workflows.discrepancy;

import dev.settle.workflows.operation.SettleNames;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A discrepancy case, ID {@code discrepancy:{operationId}}: the upstream's evidence says money
 * moved in a way Settle's answer for that operation denies (it FAILED, or it was confirmed as
 * another payment, or for other money). The operation itself may be long closed and takes no
 * signals; the case stays open, listable by its {@code DiscrepancyOf} search attribute and counted
 * on the metrics page, until an operator acknowledges it.
 */
@WorkflowInterface
public interface DiscrepancyWorkflow {

  /** Runs until acknowledged; returns the closed case. */
  @WorkflowMethod
  DiscrepancyCase watch(DiscrepancyCase opened);

  /** Another contradiction; a report whose fact the case already holds is dropped. */
  @SignalMethod(name = SettleNames.DISCREPANCY_REPORT_SIGNAL)
  void report(DiscrepancyReport report);

  @SignalMethod(name = SettleNames.ACKNOWLEDGE_SIGNAL)
  void acknowledge(Acknowledgement acknowledgement);

  @QueryMethod(name = SettleNames.STATE_QUERY)
  DiscrepancyCase state();
}
