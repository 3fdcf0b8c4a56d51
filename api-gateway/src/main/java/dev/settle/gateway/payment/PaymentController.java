package dev.settle.gateway.payment;

import dev.settle.gateway.auth.AuthenticatedClient;
import dev.settle.gateway.idempotency.IdempotencyKey;
import dev.settle.gateway.operation.OperationResponses;
import dev.settle.gateway.operation.OperationView;
import dev.settle.gateway.payment.PaymentSubmissions.Submission;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/payments}: 201 when the payment is decided within the budget, otherwise 202 with
 * the status URL. Repeating the key never runs the payment twice.
 */
@RestController
class PaymentController {
  private final PaymentSubmissions submissions;
  private final OperationResponses responses;

  PaymentController(PaymentSubmissions submissions, OperationResponses responses) {
    this.submissions = submissions;
    this.responses = responses;
  }

  @PostMapping("/v1/payments")
  ResponseEntity<OperationView> create(
      @AuthenticatedClient String clientId,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @Valid @RequestBody PaymentBody body) {
    String key = IdempotencyKey.parse(idempotencyKey);
    Submission submission = submissions.submit(body.toRequest(clientId, key));
    HttpStatus status = submission.state().status().isFinal() ? HttpStatus.CREATED : HttpStatus.ACCEPTED;
    return responses.respond(status, submission.state(), submission.replayed());
  }
}
