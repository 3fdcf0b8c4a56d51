package dev.settle.gateway.order;

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

/** {@code POST /v1/orders}: the order saga, with the same idempotency contract as payments. */
@RestController
class OrderController {
  private final OperationIntake intake;

  OrderController(OperationIntake intake) {
    this.intake = intake;
  }

  @PostMapping(path = "/v1/orders", consumes = "application/json")
  ResponseEntity<OperationView> create(
      @AuthenticatedClient String clientId,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @RequestHeader(name = "Prefer", required = false) String prefer,
      @Valid @RequestBody OrderBody body) {
    return intake.submit(
        OperationKind.ORDER,
        clientId,
        idempotencyKey,
        prefer,
        (key, requestId) -> body.toRequest(clientId, key, requestId));
  }
}
