package dev.settle.workflows.payment;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.settle.workflows.ledger.LedgerActivities;
import dev.settle.workflows.ledger.PostingResult;
import dev.settle.workflows.reconciliation.PolicyActivities;
import dev.settle.workflows.reconciliation.ReconciliationPolicy;

/**
 * The activities a payment workflow test runs against: mocks whose ledger posts and whose policy is
 * the one given, so each test only says what its upstream does.
 */
final class PaymentMocks {
  final PaymentActivities upstream =
      mock(PaymentActivities.class, withSettings().withoutAnnotations());
  final LedgerActivities ledger = mock(LedgerActivities.class, withSettings().withoutAnnotations());
  final PolicyActivities policies =
      mock(PolicyActivities.class, withSettings().withoutAnnotations());

  PaymentMocks(ReconciliationPolicy policy) {
    when(policies.reconciliationPolicy(any())).thenReturn(policy);
    when(ledger.post(any())).thenReturn(new PostingResult(true, 2));
  }

  /** Registers the mocks on the harness's worker and starts it. */
  PaymentWorkflowHarness startOn(PaymentWorkflowHarness harness) {
    harness.start(upstream, ledger, policies);
    return harness;
  }
}
