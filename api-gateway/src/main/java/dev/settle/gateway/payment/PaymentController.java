package dev.settle.gateway.payment;

import dev.settle.gateway.auth.AuthenticatedClient;
import dev.settle.gateway.operation.OperationIntake;
import dev.settle.gateway.operation.OperationKind;
import dev.settle.gateway.operation.OperationView;
import jakarta.validation.Valid;
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
  private final OperationIntake intake;

  PaymentController(OperationIntake intake) {
    this.intake = intake;
  }

  @PostMapping(path = "/v1/payments", consumes = "application/json")
  ResponseEntity<OperationView> create(
      @AuthenticatedClient String clientId,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @RequestHeader(name = "Prefer", required = false) String prefer,
      @Valid @RequestBody PaymentBody body) {
    return intake.submit(
        OperationKind.PAYMENT,
        clientId,
        idempotencyKey,
        prefer,
        (key, requestId) -> body.toRequest(clientId, key, requestId));
  }
}
