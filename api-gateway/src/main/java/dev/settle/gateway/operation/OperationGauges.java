package dev.settle.gateway.operation;

import static dev.settle.workflows.operation.OperationSearchAttributes.UNKNOWN_SINCE;

import dev.settle.gateway.reconciliation.DiscrepancyCases;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What operators watch: how many operations are UNKNOWN, how old the oldest is, how many wait in
 * MANUAL_REVIEW, how many discrepancy cases are open. Read from Temporal visibility on a schedule
 * and cached, so a scrape never becomes a visibility query.
 */
@Component
public class OperationGauges {
  private static final Logger log = LoggerFactory.getLogger(OperationGauges.class);
  static final String RUNNING = " AND ExecutionStatus = 'Running'";
  static final String UNKNOWN = "OperationStatus = 'UNKNOWN'" + RUNNING;
  static final String MANUAL_REVIEW = "OperationStatus = 'MANUAL_REVIEW'" + RUNNING;

  /** Enough to find the oldest in any sane backlog without reading an unbounded list. */
  static final int OLDEST_SCAN_LIMIT = 1000;

  private final WorkflowClient client;
  private final Clock clock;
  private final AtomicLong unknown = new AtomicLong();
  private final AtomicLong oldestUnknownSince = new AtomicLong();
  private final AtomicLong manualReview = new AtomicLong();
  private final AtomicLong openDiscrepancies = new AtomicLong();

  public OperationGauges(WorkflowClient client, MeterRegistry meters) {
    this.client = client;
    this.clock = Clock.systemUTC();
    Gauge.builder("settle.operations.unknown", unknown, AtomicLong::get)
        .description("Operations whose outcome is not known yet (reconciling)")
        .register(meters);
    Gauge.builder("settle.operations.unknown.oldest.age", this, OperationGauges::oldestAgeSeconds)
        .description("Age in seconds of the oldest UNKNOWN operation (0 when none)")
        .baseUnit("seconds")
        .register(meters);
    Gauge.builder("settle.operations.manual.review", manualReview, AtomicLong::get)
        .description("Operations waiting for an operator")
        .register(meters);
    Gauge.builder("settle.discrepancies.open", openDiscrepancies, AtomicLong::get)
        .description(
            "Operations whose outcome the upstream's evidence contradicts, not acknowledged yet")
        .register(meters);
  }

  @Scheduled(fixedDelayString = "${settle.gateway.gauge-refresh:15s}", initialDelayString = "5s")
  public void refresh() {
    try {
      unknown.set(client.countWorkflows(UNKNOWN).getCount());
      manualReview.set(client.countWorkflows(MANUAL_REVIEW).getCount());
      openDiscrepancies.set(client.countWorkflows(DiscrepancyCases.OPEN).getCount());
      oldestUnknownSince.set(
          client
              .listExecutions(UNKNOWN)
              .limit(OLDEST_SCAN_LIMIT)
              .map(execution -> execution.getTypedSearchAttributes().get(UNKNOWN_SINCE))
              .filter(since -> since != null)
              .mapToLong(since -> since.toInstant().toEpochMilli())
              .min()
              .orElse(0));
    } catch (RuntimeException unavailable) {
      log.warn(
          "Could not refresh operation gauges from Temporal visibility: {}",
          unavailable.toString());
    }
  }

  private double oldestAgeSeconds() {
    long since = oldestUnknownSince.get();
    return since == 0 ? 0 : Math.max(0, clock.millis() - since) / 1000.0;
  }
}
