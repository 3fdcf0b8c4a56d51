package dev.settle.gateway.operation;

import dev.settle.workflows.operation.OperationStatus;
import dev.settle.workflows.payment.Resolution;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An operator's verdict: CONFIRMED (it did apply upstream) or FAILED, who says so and why. */
public record ResolveBody(
    @NotNull OperationStatus status,
    @NotBlank @Size(max = 100) String operator,
    @Size(max = 1000) String note,
    @Size(max = 200) String upstreamPaymentId) {

  @AssertTrue(message = "must be CONFIRMED or FAILED")
  boolean isStatusFinal() {
    return status == null || status.isFinal();
  }

  Resolution toResolution() {
    return new Resolution(status, operator, note, upstreamPaymentId);
  }
}
