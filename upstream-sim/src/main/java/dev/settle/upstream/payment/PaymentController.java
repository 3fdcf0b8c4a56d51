package dev.settle.upstream.payment;

import dev.settle.upstream.effect.EffectKind;
import dev.settle.upstream.fault.FaultInjector;
import dev.settle.upstream.fault.InjectedFault;
import dev.settle.upstream.idempotency.Idempotency;
import dev.settle.upstream.payment.Payment.PaymentView;
import dev.settle.upstream.payment.PaymentService.Outcome;
import dev.settle.upstream.webhook.WebhookSender;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The provider's payment API: charge once per Idempotency-Key, refund once per charged key, and
 * look up what happened.
 */
@RestController
@RequestMapping("/payments")
class PaymentController {

  private final PaymentService payments;
  private final FaultInjector faults;
  private final WebhookSender webhooks;

  PaymentController(PaymentService payments, FaultInjector faults, WebhookSender webhooks) {
    this.payments = payments;
    this.faults = faults;
    this.webhooks = webhooks;
  }

  @PostMapping
  ResponseEntity<PaymentView> apply(
      @RequestHeader(PaymentHeaders.IDEMPOTENCY_KEY) String key,
      @Valid @RequestBody PaymentRequest body,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    Idempotency.checkKey(key);
    InjectedFault fault = faults.beforeApply(EffectKind.PAYMENT_CHARGE, request, key);
    Outcome outcome;
    try {
      outcome = payments.apply(key, body);
      if (!outcome.replayed()) {
        // Committed: the webhook goes out whatever happens to this answer (a fault may lose it).
        webhooks.settled(outcome.payment().settlement());
      }
    } finally {
      // Runs for refusals too: a lost or late answer does not care what the answer was.
      faults.afterDecision(fault, response);
    }
    if (outcome.replayed()) {
      return ResponseEntity.ok()
          .header(PaymentHeaders.IDEMPOTENT_REPLAYED, "true")
          .body(outcome.payment().view());
    }
    return ResponseEntity.status(HttpStatus.CREATED)
        .location(locationOf(key))
        .body(outcome.payment().view());
  }

  /** 200 with the refunded payment, first time or replayed; 404 when nothing was charged. */
  @PostMapping("/{key}/refund")
  ResponseEntity<PaymentView> refund(
      @PathVariable String key, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    InjectedFault fault = faults.beforeApply(EffectKind.PAYMENT_REFUND, request, key);
    Outcome outcome;
    try {
      outcome = payments.refund(key);
    } finally {
      faults.afterDecision(fault, response);
    }
    ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
    if (outcome.replayed()) {
      ok.header(PaymentHeaders.IDEMPOTENT_REPLAYED, "true");
    }
    return ok.body(outcome.payment().view());
  }

  @GetMapping("/{key}")
  PaymentView find(@PathVariable String key, HttpServletRequest request) {
    faults.beforeLookup(request, key);
    return payments.find(key).map(Payment::view).orElseThrow(() -> PaymentService.notFound(key));
  }

  private static URI locationOf(String key) {
    return UriComponentsBuilder.fromPath("/payments/{key}").buildAndExpand(key).encode().toUri();
  }
}
