package dev.settle.gateway.payment;

import dev.settle.gateway.auth.AuthenticatedClient;
import dev.settle.gateway.idempotency.IdempotencyKey;
import dev.settle.gateway.operation.OperationResponses;
import dev.settle.gateway.operation.OperationView;
import dev.settle.gateway.payment.PaymentSubmissions.Submission;
import dev.settle.gateway.problem.ApiException;
import jakarta.validation.Valid;
import java.util.UUID;
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

  @PostMapping(path = "/v1/payments", consumes = "application/json")
  ResponseEntity<OperationView> create(
      @AuthenticatedClient String clientId,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @RequestHeader(name = "Prefer", required = false) String prefer,
      @Valid @RequestBody PaymentBody body) {
    String key = IdempotencyKey.parse(idempotencyKey);
    Submission submission =
        submissions.submit(body.toRequest(clientId, key, UUID.randomUUID().toString()));
    boolean decided = submission.state().status().isFinal();
    if (IdempotencyKey.prefersStrict(prefer) && submission.replayed() && !decided) {
      throw ApiException.inProgress(key);
    }
    HttpStatus status = decided ? HttpStatus.CREATED : HttpStatus.ACCEPTED;
    return responses.respond(status, submission.state(), submission.replayed());
  }
}
