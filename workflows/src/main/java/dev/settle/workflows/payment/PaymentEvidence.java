package dev.settle.workflows.payment;

import dev.settle.workflows.operation.Attempt.Step;
import dev.settle.workflows.operation.OperationCore;
import dev.settle.workflows.operation.OperationStatus;
import io.temporal.workflow.Workflow;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;

/**
 * What webhooks and statement lines have said about one payment: each fact once, and the matching
 * settlement that may settle the payment like a lookup that finds it, until evidence contradicts
 * the upstream's own answer.
 */
final class PaymentEvidence {
  private static final Logger log = Workflow.getLogger(PaymentEvidence.class);

  private final PaymentRequest request;
  private final OperationCore core;

  /** Facts already received: a repeated one is dropped without a trace. */
  private final Set<String> facts = new HashSet<>();

  /** Matching settlement evidence not yet acted on. */
  private Evidence settlement;

  /**
   * False once evidence contradicted the upstream's own answer: from then on only an operator
   * decides, evidence is only recorded.
   */
  private boolean maySettle = true;

  PaymentEvidence(PaymentRequest request, OperationCore core, PaymentResume resume) {
    this.request = request;
    this.core = core;
    if (resume != null) {
      facts.addAll(resume.evidenceFacts());
      settlement = resume.settlement();
      maySettle = resume.evidenceMaySettle();
    }
  }

  /** Records the evidence about the payment this run sends upstream under {@code upstreamKey}. */
  void receive(Evidence evidence, String upstreamKey) {
    if (evidence == null || !evidence.complete()) {
      core.record(Step.EVIDENCE, "IGNORED", "incomplete evidence: " + evidence);
      return;
    }
    if (!facts.add(evidence.fact())) {
      return;
    }
    String what = evidence.describe();
    if (!evidence.aboutKey(upstreamKey)) {
      // The same workflow ID, an earlier run's key: about an operation this run never sent.
      core.record(
          Step.EVIDENCE,
          "IGNORED",
          what
              + "; reported under "
              + evidence.upstreamKey()
              + ", an earlier run's key, not this run's "
              + upstreamKey);
    } else if (core.status().isFinal()) {
      core.record(Step.EVIDENCE, "IGNORED", what + "; the payment is already " + core.status());
    } else if (!evidence.settled()) {
      core.record(
          Step.EVIDENCE, "IGNORED", what + "; only " + Evidence.SETTLED + " settles a payment");
    } else if (!evidence.matches(request.amount(), request.currency())) {
      // The same key settled for other money: never a confirmation of this request.
      core.record(
          Step.EVIDENCE,
          "MISMATCH",
          what
              + "; the request is "
              + request.amount().toPlainString()
              + " "
              + request.currency()
              + ", ignored");
      log.warn("Payment {}: evidence does not match the request: {}", request.operationId(), what);
    } else if (!maySettle || settlement != null) {
      core.record(Step.EVIDENCE, "NOTED", what);
    } else {
      settlement = evidence;
      core.record(
          Step.EVIDENCE,
          "ACCEPTED",
          core.status() == OperationStatus.PENDING
              ? what + "; acted on once the charge in flight returns"
              : what);
    }
  }

  /** Matching settlement evidence has arrived, and evidence may still settle the payment. */
  boolean settles() {
    return maySettle && settlement != null;
  }

  /** The matching settlement received, or null. */
  Evidence settlement() {
    return settlement;
  }

  /** Evidence contradicted the upstream's answer: from now on it is only recorded. */
  void distrust() {
    maySettle = false;
  }

  List<String> facts() {
    return List.copyOf(facts);
  }

  boolean maySettle() {
    return maySettle;
  }
}
