package dev.settle.gateway.reconciliation;

import static dev.settle.workflows.operation.OperationSearchAttributes.CLIENT_ID;
import static dev.settle.workflows.operation.OperationSearchAttributes.OPERATION_STATUS;

import dev.settle.gateway.operation.OperationReader;
import dev.settle.gateway.problem.ApiException;
import dev.settle.workflows.discrepancy.DiscrepancyReport;
import dev.settle.workflows.operation.OperationStatus;
import dev.settle.workflows.operation.SettleNames;
import dev.settle.workflows.operation.UpstreamKeys;
import dev.settle.workflows.payment.Evidence;
import dev.settle.workflows.payment.PaymentState;
import dev.settle.workflows.payment.PaymentWorkflow;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands settlement evidence to the payment workflow it is about, as the {@code evidence} signal.
 * The workflow decides what the evidence proves; this only finds it, and tells the sender whether
 * anything was there to tell. Evidence that contradicts a final outcome (the operation FAILED but
 * the upstream settled it, or settled it as another payment or for other money) opens a {@link
 * DiscrepancyCases discrepancy case}, whether the workflow still runs (a final one only records
 * evidence) or has closed (it takes no signals): never silently dropped.
 */
@Component
public class EvidenceDispatcher {
  private static final Logger log = LoggerFactory.getLogger(EvidenceDispatcher.class);
  private static final String PAYMENT_WORKFLOW = PaymentWorkflow.class.getSimpleName();

  private final WorkflowClient client;
  private final OperationReader reader;
  private final DiscrepancyCases cases;
  private final Map<Evidence.Source, Counter> discrepancies = new EnumMap<>(Evidence.Source.class);

  public EvidenceDispatcher(
      WorkflowClient client, OperationReader reader, DiscrepancyCases cases, MeterRegistry meters) {
    this.client = client;
    this.reader = reader;
    this.cases = cases;
    // settle_evidence_discrepancies_total{source}: at 0 for each source from startup.
    for (Evidence.Source source : Evidence.Source.values()) {
      discrepancies.put(
          source,
          Counter.builder("settle.evidence.discrepancies")
              .description(
                  "Settlement evidence that contradicts an operation's final outcome, by source")
              .tag("source", source.name().toLowerCase(Locale.ROOT))
              .register(meters));
    }
  }

  /** Where the evidence went. */
  public enum Outcome {
    /** Signalled to the running payment workflow, which records it and decides. */
    MATCHED,
    /** No payment operation has this key. */
    UNMATCHED,
    /** The operation is already closed; nothing was signalled. */
    ALREADY_FINAL
  }

  /**
   * @param operationId the workflow ID, when the key names one
   * @param status the operation's status when the evidence arrived (for ALREADY_FINAL: its final
   *     one)
   * @param discrepancy set when the operation's final outcome contradicts the evidence (a
   *     discrepancy case is then open for it)
   */
  public record Delivery(
      Outcome outcome, String operationId, String status, String detail, String discrepancy) {}

  public Delivery deliver(String upstreamKey, Evidence evidence) {
    return deliver(upstreamKey, evidence, Duration.ZERO);
  }

  /**
   * As {@link #deliver(String, Evidence)}, but evidence about a payment that is still {@code
   * PENDING} and started less than {@code holdWhilePending} ago is refused with 503 {@code
   * evidence-held}, and the sender sends it again later. Such a payment is waiting for its charge's
   * answer, which says the same; a signal landing now would arrive while the payment's only
   * workflow task completes and make Temporal run that task again (UnhandledCommand). Once the
   * charge is ambiguous the status is UNKNOWN and evidence goes in.
   */
  public Delivery deliver(String upstreamKey, Evidence evidence, Duration holdWhilePending) {
    Optional<String> workflowId = UpstreamKeys.workflowIdOf(upstreamKey);
    if (workflowId.isEmpty()) {
      return new Delivery(Outcome.UNMATCHED, null, null, "not a key Settle sends upstream", null);
    }
    String id = workflowId.get();
    WorkflowStub stub = client.newUntypedWorkflowStub(id);
    WorkflowExecutionDescription description;
    try {
      description = stub.describe();
    } catch (RuntimeException e) {
      if (OperationReader.isNotFound(e)) {
        return new Delivery(Outcome.UNMATCHED, null, null, "no operation has this key", null);
      }
      throw e;
    }
    if (!PAYMENT_WORKFLOW.equals(description.getWorkflowType())) {
      return new Delivery(
          Outcome.UNMATCHED,
          id,
          null,
          description.getWorkflowType() + " operations take no settlement evidence",
          null);
    }
    if (description.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      if (stillDeciding(description, holdWhilePending)) {
        throw ApiException.evidenceHeld(id);
      }
      String recorded = recordedStatus(description);
      // A final payment still running (its callback in flight) records evidence and changes
      // nothing: whether it contradicts the outcome is for the case, as once it has closed.
      try {
        PaymentState state = isFinal(recorded) ? finalState(id, stub) : null;
        String contradiction = state == null ? null : discrepancy(state, evidence);
        stub.signal(SettleNames.EVIDENCE_SIGNAL, evidence);
        raise(id, description, evidence, recorded, contradiction);
        return new Delivery(Outcome.MATCHED, id, recorded, null, contradiction);
      } catch (RuntimeException e) {
        if (!OperationReader.isNotFound(e)) {
          throw e;
        }
        // Closed between the description and the signal: it is final now.
        description = stub.describe();
      }
    }
    Delivery closed = closed(id, stub, description, evidence);
    raise(id, description, evidence, closed.status(), closed.discrepancy());
    return closed;
  }

  /** Counted once the case holds it: a sender whose delivery failed sends it again. */
  private void raise(
      String id,
      WorkflowExecutionDescription description,
      Evidence evidence,
      String status,
      String contradiction) {
    if (contradiction == null) {
      return;
    }
    log.warn("Evidence contradicts operation {}: {} ({})", id, contradiction, evidence.describe());
    cases.report(
        id,
        description.getTypedSearchAttributes().get(CLIENT_ID),
        new DiscrepancyReport(
            evidence.source() == null
                ? "unknown"
                : evidence.source().name().toLowerCase(Locale.ROOT),
            contradiction,
            evidence.describe(),
            evidence.fact(),
            status,
            null));
    if (evidence.source() != null) {
      discrepancies.get(evidence.source()).increment();
    }
  }

  /**
   * With no worker answering, whether the evidence contradicts the outcome cannot be told: the
   * sender is asked to send it again rather than the contradiction going unseen. Null when the
   * workflow closed meanwhile (the signal then finds it closed, and its final state is read).
   */
  private PaymentState finalState(String id, WorkflowStub stub) {
    Optional<PaymentState> state = reader.query(stub, PaymentState.class, id);
    if (state.isEmpty()
        && stub.describe().getStatus()
            == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      throw ApiException.evidenceHeld(
          id, "is final but its state cannot be read now (no worker answering); send it again.");
    }
    return state.orElse(null);
  }

  private static boolean isFinal(String recordedStatus) {
    return recordedStatus != null
        && Arrays.stream(OperationStatus.values())
            .anyMatch(s -> s.isFinal() && s.name().equals(recordedStatus));
  }

  private Delivery closed(
      String id, WorkflowStub stub, WorkflowExecutionDescription description, Evidence evidence) {
    if (description.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      String how =
          description.getStatus().name().toLowerCase().replace("workflow_execution_status_", "");
      return new Delivery(
          Outcome.ALREADY_FINAL,
          id,
          recordedStatus(description),
          "workflow " + how,
          evidence.settled()
              ? "the workflow was "
                  + how
                  + " before it decided, and the upstream settled "
                  + evidence.upstreamPaymentId()
              : null);
    }
    PaymentState state = stub.getResult(PaymentState.class);
    return new Delivery(
        Outcome.ALREADY_FINAL, id, state.status().name(), null, discrepancy(state, evidence));
  }

  /** What a careful operator would want to look at: the upstream and Settle disagree. */
  static String discrepancy(PaymentState state, Evidence evidence) {
    if (!evidence.settled()) {
      return null;
    }
    if (!evidence.aboutKey(state.upstreamKey())) {
      return "the upstream settled "
          + evidence.upstreamPaymentId()
          + " under "
          + evidence.upstreamKey()
          + ", a key of an earlier operation with this idempotency key (this one is "
          + state.upstreamKey()
          + ")";
    }
    if (!evidence.matches(state.amount(), state.currency())) {
      return "the upstream settled "
          + evidence.amount().toPlainString()
          + " "
          + evidence.currency()
          + ", the operation is for "
          + state.amount().toPlainString()
          + " "
          + state.currency();
    }
    return switch (state.status()) {
      case CONFIRMED ->
          state.upstreamPaymentId() == null
                  || state.upstreamPaymentId().equals(evidence.upstreamPaymentId())
              ? null
              : "confirmed as "
                  + state.upstreamPaymentId()
                  + ", the upstream settled "
                  + evidence.upstreamPaymentId();
      case FAILED ->
          "the operation FAILED but the upstream settled " + evidence.upstreamPaymentId();
      default -> null;
    };
  }

  private static boolean stillDeciding(WorkflowExecutionDescription description, Duration hold) {
    if (hold.isZero() || !OperationStatus.PENDING.name().equals(recordedStatus(description))) {
      return false;
    }
    Instant started = description.getStartTime();
    return started != null && Instant.now().isBefore(started.plus(hold));
  }

  private static String recordedStatus(WorkflowExecutionDescription description) {
    return description.getTypedSearchAttributes().get(OPERATION_STATUS);
  }
}
