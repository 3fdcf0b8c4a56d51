package dev.settle.workflows.callback;

/** The delivery of a client callback; the search attribute {@code CallbackStatus} mirrors it. */
public enum CallbackStatus {
  /** Being delivered, or waiting for the next attempt. */
  PENDING,
  /** The receiver answered 2xx. */
  DELIVERED,
  /** Every attempt failed until the horizon; an operator may redeliver. */
  FAILED
}
