package dev.settle.workflows.discrepancy;

import dev.settle.workflows.operation.SettleNames;
import io.temporal.spring.boot.WorkflowImpl;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Holds a discrepancy case open until an operator acknowledges it. Bounded however long it stays
 * open or however often a sender repeats itself: the case keeps its recent reports and a count, and
 * continues as new (same workflow ID, state carried over) well before Temporal's event limit.
 */
@WorkflowImpl(taskQueues = SettleNames.TASK_QUEUE)
public class DiscrepancyWorkflowImpl implements DiscrepancyWorkflow {
  private static final Logger log = Workflow.getLogger(DiscrepancyWorkflowImpl.class);

  /** Events in one run before it continues as new: each report adds two or three. */
  static final int EVENTS_PER_RUN = 1000;

  /** Facts remembered to drop repeated reports (a run also knows those it carried over). */
  static final int REMEMBERED_FACTS = 500;

  private final String operationId;
  private final String clientId;
  private final Instant openedAt;
  private final List<DiscrepancyReport> reports;
  private final Set<String> facts = new LinkedHashSet<>();
  private int reportCount;
  private Acknowledgement acknowledgement;

  @WorkflowInit
  public DiscrepancyWorkflowImpl(DiscrepancyCase opened) {
    this.operationId = opened.operationId();
    this.clientId = opened.clientId();
    this.openedAt = opened.openedAt() != null ? opened.openedAt() : now();
    this.reports = new ArrayList<>(opened.reports());
    this.reportCount = opened.reportCount();
    this.acknowledgement = opened.acknowledgement();
    reports.stream().map(DiscrepancyReport::fact).filter(f -> f != null).forEach(this::remember);
  }

  @Override
  public DiscrepancyCase watch(DiscrepancyCase opened) {
    Workflow.await(
        () -> acknowledgement != null || Workflow.getInfo().getHistoryLength() > EVENTS_PER_RUN);
    if (acknowledgement == null) {
      Workflow.continueAsNew(state());
    }
    return state();
  }

  @Override
  public void report(DiscrepancyReport report) {
    if (report == null || (report.fact() != null && !remember(report.fact()))) {
      return;
    }
    reports.add(report.receivedAt(now()));
    if (reports.size() > DiscrepancyCase.RECENT_REPORTS) {
      reports.remove(0);
    }
    reportCount++;
    log.warn(
        "Discrepancy for {}: {} (from {})", operationId, report.discrepancy(), report.source());
  }

  @Override
  public void acknowledge(Acknowledgement acknowledgement) {
    if (this.acknowledgement == null && acknowledgement != null) {
      this.acknowledgement = acknowledgement.at(now());
    }
  }

  @Override
  public DiscrepancyCase state() {
    return new DiscrepancyCase(
        operationId, clientId, openedAt, reports, reportCount, acknowledgement);
  }

  /** False when the fact was already known. */
  private boolean remember(String fact) {
    if (!facts.add(fact)) {
      return false;
    }
    if (facts.size() > REMEMBERED_FACTS) {
      facts.remove(facts.iterator().next());
    }
    return true;
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
