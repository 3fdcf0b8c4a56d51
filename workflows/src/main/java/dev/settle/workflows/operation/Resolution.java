package dev.settle.workflows.operation;

/**
 * An operator's verdict on an operation in {@code MANUAL_REVIEW}: {@code status} is CONFIRMED (the
 * upstream did apply it; {@code upstreamPaymentId} is the upstream's reference if known) or FAILED.
 */
public record Resolution(
    OperationStatus status, String operator, String note, String upstreamPaymentId) {

  public boolean acceptable() {
    return status != null && status.isFinal() && operator != null && !operator.isBlank();
  }
}
