package dev.settle.workflows.payment;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a source other than the status lookup says the upstream did under this operation's key: a
 * signed webhook, or a line of the upstream's statement. It settles an operation only when it says
 * {@link #SETTLED} and names the same amount and currency as the request.
 *
 * @param upstreamPaymentId the upstream's id of the payment
 * @param status the upstream's word for what happened; only {@link #SETTLED} confirms
 * @param settledAt when the upstream says it settled
 * @param reference where the evidence came from (webhook event id, statement date and line), for
 *     the audit trail
 * @param upstreamKey the key the upstream reports it under; null in histories from before per-run
 *     keys. A key of another run of the same workflow ID is about an operation that run forgot.
 */
public record Evidence(
    Source source,
    String upstreamPaymentId,
    BigDecimal amount,
    String currency,
    String status,
    Instant settledAt,
    String reference,
    String upstreamKey) {

  public static final String SETTLED = "SETTLED";

  /** Evidence that does not say under which key (kept for the signals of older histories). */
  public Evidence(
      Source source,
      String upstreamPaymentId,
      BigDecimal amount,
      String currency,
      String status,
      Instant settledAt,
      String reference) {
    this(source, upstreamPaymentId, amount, currency, status, settledAt, reference, null);
  }

  /** Whether it may be about the run that sends {@code runKey} upstream. */
  public boolean aboutKey(String runKey) {
    return upstreamKey == null || runKey == null || upstreamKey.equals(runKey);
  }

  /** Where the evidence came from. */
  public enum Source {
    WEBHOOK,
    STATEMENT
  }

  public boolean complete() {
    return source != null
        && upstreamPaymentId != null
        && !upstreamPaymentId.isBlank()
        && amount != null
        && currency != null
        && status != null;
  }

  public boolean settled() {
    return SETTLED.equals(status);
  }

  /** Amounts compare by value: 12.5 and 12.50 are the same money. */
  public boolean matches(BigDecimal requestedAmount, String requestedCurrency) {
    return amount.compareTo(requestedAmount) == 0 && currency.equals(requestedCurrency);
  }

  /**
   * The fact it states, without where or when it was delivered: a webhook retried or a statement
   * imported twice states the same fact again, which tells the workflow nothing new.
   */
  public String fact() {
    return source
        + " "
        + upstreamPaymentId
        + " "
        + amount.stripTrailingZeros().toPlainString()
        + " "
        + currency
        + " "
        + status;
  }

  public String describe() {
    return source
        + " "
        + reference
        + ": "
        + status
        + " "
        + upstreamPaymentId
        + " "
        + amount.toPlainString()
        + " "
        + currency
        + (settledAt == null ? "" : " at " + settledAt);
  }
}
