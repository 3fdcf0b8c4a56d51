package dev.settle.upstream.payment;

import dev.settle.upstream.webhook.Settlement;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/statement?date=YYYY-MM-DD}: the provider's export of the charges it settled
 * that day (UTC), as CSV under the header Settle's statement import reads. A refunded charge is
 * still listed: it settled; its refund is another movement.
 */
@RestController
class StatementController {
  static final String HEADER = "idempotency_key,payment_id,amount,currency,status,settled_at";

  private final PaymentStore store;

  StatementController(PaymentStore store) {
    this.store = store;
  }

  @GetMapping(path = "/admin/statement", produces = "text/csv")
  @Transactional(readOnly = true)
  String statement(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
    List<Payment> charges = store.chargedOn(date);
    StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
    for (Payment charge : charges) {
      Settlement s = charge.settlement();
      csv.append(field(s.key()))
          .append(',')
          .append(field(s.paymentId()))
          .append(',')
          .append(s.amount().toPlainString())
          .append(',')
          .append(s.currency())
          .append(',')
          .append(Settlement.SETTLED)
          .append(',')
          .append(s.settledAt())
          .append("\r\n");
    }
    return csv.toString();
  }

  /** RFC 4180: quoted when it holds a comma, a quote or surrounding spaces; quotes doubled. */
  static String field(String value) {
    boolean quote =
        value.indexOf(',') >= 0
            || value.indexOf('"') >= 0
            || !value.equals(value.strip())
            || value.isEmpty();
    return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }
}
