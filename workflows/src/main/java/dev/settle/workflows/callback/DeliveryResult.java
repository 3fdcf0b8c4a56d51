package dev.settle.workflows.callback;

/**
 * How one attempt ended: delivered only on a 2xx. {@code httpStatus} is 0 when no answer came
 * (connection refused, timeout).
 */
public record DeliveryResult(boolean delivered, int httpStatus, String detail) {}
