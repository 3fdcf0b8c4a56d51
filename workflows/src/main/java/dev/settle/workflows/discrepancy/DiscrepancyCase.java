package dev.settle.workflows.discrepancy;

import java.time.Instant;
import java.util.List;

/**
 * An operator's case about one operation: the evidence that contradicts its outcome, until an
 * operator acknowledges it.
 *
 * @param operationId workflow ID of the operation it is about
 * @param clientId the client whose operation it is
 * @param openedAt when the first contradiction arrived
 * @param reports the most recent reports, oldest first, at most {@link #RECENT_REPORTS}
 * @param reportCount every distinct report the case received, including those no longer listed
 * @param acknowledgement set once an operator closed the case
 */
public record DiscrepancyCase(
    String operationId,
    String clientId,
    Instant openedAt,
    List<DiscrepancyReport> reports,
    int reportCount,
    Acknowledgement acknowledgement) {

  /** A case is for people to read: the first reports and a count say enough past this. */
  public static final int RECENT_REPORTS = 20;

  public DiscrepancyCase {
    reports = reports == null ? List.of() : List.copyOf(reports);
  }

  /** What the gateway starts a case with; the workflow stamps the time it opened. */
  public static DiscrepancyCase about(String operationId, String clientId) {
    return new DiscrepancyCase(operationId, clientId, null, List.of(), 0, null);
  }

  public boolean open() {
    return acknowledgement == null;
  }

  /** The report the case received last, if any. */
  public DiscrepancyReport latest() {
    return reports.isEmpty() ? null : reports.get(reports.size() - 1);
  }
}
