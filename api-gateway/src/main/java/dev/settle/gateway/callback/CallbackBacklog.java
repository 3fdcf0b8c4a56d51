package dev.settle.gateway.callback;

import static dev.settle.workflows.operation.OperationSearchAttributes.CALLBACK_STATUS;

import dev.settle.workflows.callback.CallbackStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * settle_callbacks_backlog{state}: client callbacks not delivered. {@code pending} are still being
 * retried; {@code failed} gave up past the horizon and wait, redeliverable, for an operator. Read
 * from Temporal visibility on the gauges' schedule and cached, so a scrape is never a query.
 */
@Component
public class CallbackBacklog {
  private static final Logger log = LoggerFactory.getLogger(CallbackBacklog.class);
  static final String RUNNING = " AND ExecutionStatus = 'Running'";
  static final String PENDING =
      CALLBACK_STATUS.getName() + " = '" + CallbackStatus.PENDING + "'" + RUNNING;
  static final String FAILED =
      CALLBACK_STATUS.getName() + " = '" + CallbackStatus.FAILED + "'" + RUNNING;

  private final WorkflowClient client;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  public CallbackBacklog(WorkflowClient client, MeterRegistry meters) {
    this.client = client;
    register(meters, "pending", pending);
    register(meters, "failed", failed);
  }

  private static void register(MeterRegistry meters, String state, AtomicLong value) {
    Gauge.builder("settle.callbacks.backlog", value, AtomicLong::get)
        .description(
            "Client callbacks not delivered yet (pending: retrying; failed: past the horizon)")
        .tag("state", state)
        .register(meters);
  }

  @Scheduled(fixedDelayString = "${settle.gateway.gauge-refresh:15s}", initialDelayString = "5s")
  public void refresh() {
    try {
      pending.set(client.countWorkflows(PENDING).getCount());
      failed.set(client.countWorkflows(FAILED).getCount());
    } catch (RuntimeException unavailable) {
      log.warn(
          "Could not refresh the callback backlog from Temporal visibility: {}",
          unavailable.toString());
    }
  }
}
