package dev.settle.workflows.payment;

import dev.settle.workflows.operation.CarriedState;
import dev.settle.workflows.reconciliation.Reconciler;
import java.util.List;

/**
 * Where a payment's run that continued as new stopped: the shared state, what only payments have,
 * and how far reconciliation got. The next run goes on reconciling from there.
 *
 * @param upstreamKey carried, not derived again: a run started before per-run keys keeps its key
 */
public record PaymentResume(
    CarriedState core,
    String upstreamKey,
    int executions,
    String upstreamPaymentId,
    List<String> evidenceFacts,
    Evidence settlement,
    boolean evidenceMaySettle,
    Reconciler.Progress progress) {}
