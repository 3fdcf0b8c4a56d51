package dev.settle.gateway.operation;

import dev.settle.gateway.problem.ApiException;
import dev.settle.workflows.operation.OperationStatus;
import dev.settle.workflows.operation.Resolution;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * An operator's verdict: CONFIRMED (it did apply upstream) or FAILED, and why. Who says so is the
 * holder of the operator key, so {@code operator} may be left out; a body that names someone else
 * is refused rather than recorded under a name the caller typed.
 */
public record ResolveBody(
    @NotNull OperationStatus status,
    @Size(max = 100) String operator,
    @Size(max = 1000) String note,
    @Size(max = 200) String upstreamPaymentId) {

  @AssertTrue(message = "must be CONFIRMED or FAILED")
  boolean isStatusFinal() {
    return status == null || status.isFinal();
  }

  Resolution toResolution(String authenticatedOperator) {
    if (operator != null && !operator.equals(authenticatedOperator)) {
      throw ApiException.operatorMismatch(operator, authenticatedOperator);
    }
    return new Resolution(status, authenticatedOperator, note, upstreamPaymentId);
  }
}
