package dev.settle.workflows.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import com.uber.m3.tally.Buckets;
import com.uber.m3.tally.Capabilities;
import com.uber.m3.tally.CapableOf;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.StatsReporter;
import dev.settle.workflows.operation.ExecutionOutcome;
import dev.settle.workflows.operation.OperationSearchAttributes;
import dev.settle.workflows.operation.OperationStatus;
import dev.settle.workflows.operation.SettleNames;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.workflow.Workflow;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * settle_operations_completed_total counts each operation once, even when the workflow task that
 * made it final fails and runs again: here a reconcile signal lands while that task runs, so the
 * server refuses its completion (UnhandledCommand) and the code after the ledger posting runs a
 * second time, not replayed.
 */
class CountedOnceTest {
  private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
  private final AtomicBoolean signalled = new AtomicBoolean();
  private PaymentWorkflowHarness harness;

  @Test
  void aSignalIntoTheCompletingTaskDoesNotCountThePaymentTwice() throws Exception {
    Scope metrics =
        new RootScopeBuilder()
            .reporter(new Counting())
            .reportEvery(com.uber.m3.util.Duration.ofMillis(20));
    harness =
        new PaymentWorkflowHarness(
            "aSignalIntoTheCompletingTaskDoesNotCountThePaymentTwice",
            metrics,
            new SignalWhenFinal());
    PaymentMocks mocks = new PaymentMocks(PaymentWorkflowTest.POLICY);
    when(mocks.upstream.charge(any()))
        .thenReturn(new ChargeResult(ExecutionOutcome.APPLIED, "pay_1", 201, "HTTP 201"));
    mocks.startOn(harness);
    try {
      PaymentState state = harness.run(request());

      assertThat(state.status()).isEqualTo(OperationStatus.CONFIRMED);
      assertThat(signalled).as("the signal was sent during the completing task").isTrue();
      assertThat(
              harness
                  .client()
                  .fetchHistory(state.operationId())
                  .getHistory()
                  .getEventsList()
                  .stream()
                  .filter(e -> e.hasWorkflowTaskFailedEventAttributes())
                  .count())
          // (The in-memory server drops the signal with the failed task; the real one keeps it.)
          .as("the completing task failed once and ran again")
          .isEqualTo(1);
    } finally {
      harness.close();
      metrics.close();
    }
    assertThat(counters)
        .as("settle_operations_completed by tags")
        .containsOnlyKeys("settle_operations_completed{status=CONFIRMED,type=PAYMENT}");
    assertThat(counters.get("settle_operations_completed{status=CONFIRMED,type=PAYMENT}").get())
        .isEqualTo(1);
  }

  private static PaymentRequest request() {
    return new PaymentRequest(
        "demo",
        "counted-once",
        "alice",
        "bob",
        new BigDecimal("12.50"),
        "EUR",
        "fp",
        "req-1",
        null);
  }

  /** When the status becomes final for the first time, signals the workflow before going on. */
  private final class SignalWhenFinal extends WorkerInterceptorBase {
    @Override
    public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
      return new WorkflowInboundCallsInterceptorBase(next) {
        @Override
        public void init(WorkflowOutboundCallsInterceptor outbound) {
          super.init(
              new WorkflowOutboundCallsInterceptorBase(outbound) {
                @Override
                public void upsertTypedSearchAttributes(SearchAttributeUpdate<?>... updates) {
                  for (SearchAttributeUpdate<?> update : updates) {
                    if (update.getKey().equals(OperationSearchAttributes.OPERATION_STATUS)
                        && update.getValue().map("CONFIRMED"::equals).orElse(false)
                        && !Workflow.isReplaying()
                        && signalled.compareAndSet(false, true)) {
                      String id = Workflow.getInfo().getWorkflowId();
                      harness
                          .client()
                          .newUntypedWorkflowStub(id)
                          .signal(SettleNames.RECONCILE_SIGNAL);
                    }
                  }
                  super.upsertTypedSearchAttributes(updates);
                }
              });
        }
      };
    }
  }

  private final class Counting implements StatsReporter {
    @Override
    public void reportCounter(String name, Map<String, String> tags, long value) {
      if (name.startsWith("settle_")) {
        String key = name + "{status=" + tags.get("status") + ",type=" + tags.get("type") + "}";
        counters.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(value);
      }
    }

    @Override
    public void reportGauge(String name, Map<String, String> tags, double value) {}

    @Override
    public void reportTimer(
        String name, Map<String, String> tags, com.uber.m3.util.Duration interval) {}

    @Override
    public void reportHistogramValueSamples(
        String name,
        Map<String, String> tags,
        Buckets buckets,
        double bucketLowerBound,
        double bucketUpperBound,
        long samples) {}

    @Override
    public void reportHistogramDurationSamples(
        String name,
        Map<String, String> tags,
        Buckets buckets,
        com.uber.m3.util.Duration bucketLowerBound,
        com.uber.m3.util.Duration bucketUpperBound,
        long samples) {}

    @Override
    public Capabilities capabilities() {
      return CapableOf.REPORTING;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
