package dev.settle.gateway.reconciliation;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.settle.gateway.problem.ApiException;
import dev.settle.gateway.reconciliation.EvidenceDispatcher.Delivery;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/webhooks/upstream}: the upstream says a payment settled. The signature is checked
 * over the raw bytes before anything is parsed; an unsigned, badly signed or stale webhook is 401
 * and changes nothing. A valid one becomes the {@code evidence} signal of the payment it names.
 */
@RestController
class WebhookController {
  private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

  private final WebhookSignature signatures;
  private final EvidenceDispatcher dispatcher;
  private final ObjectMapper json;
  private final Map<String, WebhookReceipt> accepted;
  private final Duration holdWhilePending;

  WebhookController(
      WebhookSignature signatures,
      EvidenceDispatcher dispatcher,
      ObjectMapper json,
      WebhookProperties properties) {
    this.signatures = signatures;
    this.holdWhilePending = properties.holdWhilePending();
    this.dispatcher = dispatcher;
    this.json = json;
    int memory = signatures.replayMemory();
    this.accepted =
        java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
              @Override
              protected boolean removeEldestEntry(Map.Entry<String, WebhookReceipt> eldest) {
                return size() > memory;
              }
            });
  }

  /**
   * @param matched whether a payment operation has the key
   * @param duplicate an exact replay of a webhook already accepted: nothing was signalled again
   */
  record WebhookReceipt(
      boolean matched,
      EvidenceDispatcher.Outcome outcome,
      String operationId,
      String status,
      String detail,
      String discrepancy,
      boolean duplicate) {
    WebhookReceipt asDuplicate() {
      return new WebhookReceipt(
          matched, outcome, operationId, status, "already received", discrepancy, true);
    }
  }

  @PostMapping(
      path = "/v1/webhooks/upstream",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @SecurityRequirement(name = "webhookSignature")
  WebhookReceipt receive(
      @RequestHeader(name = WebhookSignature.HEADER, required = false) String signature,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              description = "Signed over these exact bytes",
              content = @Content(schema = @Schema(implementation = UpstreamWebhook.class)))
          @RequestBody
          byte[] body) {
    WebhookSignature.Verified verified = signatures.verify(signature, body);
    UpstreamWebhook webhook = parse(body);
    WebhookReceipt earlier = accepted.get(verified.signature());
    if (earlier != null) {
      return earlier.asDuplicate();
    }
    Delivery delivery =
        dispatcher.deliver(webhook.idempotencyKey(), webhook.toEvidence(), holdWhilePending);
    log.info("webhook {} for {}: {}", webhook.id(), webhook.idempotencyKey(), delivery);
    WebhookReceipt receipt =
        new WebhookReceipt(
            delivery.outcome() != EvidenceDispatcher.Outcome.UNMATCHED,
            delivery.outcome(),
            delivery.operationId(),
            delivery.status(),
            delivery.detail(),
            delivery.discrepancy(),
            false);
    // Remembered only once delivered: a webhook that failed (503) must be retryable as it is.
    accepted.put(verified.signature(), receipt);
    return receipt;
  }

  private UpstreamWebhook parse(byte[] body) {
    try {
      // Providers add fields to their events; an unknown one must not turn a settlement away.
      UpstreamWebhook webhook =
          json.readerFor(UpstreamWebhook.class)
              .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .readValue(body);
      if (webhook == null) {
        throw ApiException.webhookMalformed("The body is empty.");
      }
      webhook.toEvidence(); // refuse an incomplete one before anything is looked up
      return webhook;
    } catch (JacksonException invalid) {
      throw ApiException.webhookMalformed(
          "The webhook body is not a settlement: " + invalid.getOriginalMessage());
    } catch (IllegalArgumentException invalid) {
      throw ApiException.webhookMalformed(
          "The webhook body is not a settlement: " + invalid.getMessage());
    } catch (IOException unreadable) {
      throw ApiException.webhookMalformed("The webhook body cannot be read.");
    }
  }
}
