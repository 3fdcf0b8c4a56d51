package dev.settle.upstream.order;

import dev.settle.upstream.effect.EffectKind;
import dev.settle.upstream.fault.FaultInjector;
import dev.settle.upstream.fault.InjectedFault;
import dev.settle.upstream.idempotency.Idempotency;
import dev.settle.upstream.idempotency.Outcome;
import dev.settle.upstream.order.Order.OrderView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The order upstream: create once per Idempotency-Key, cancel once, look up. */
@RestController
@RequestMapping("/orders")
class OrderController {

  private final OrderService orders;
  private final FaultInjector faults;

  OrderController(OrderService orders, FaultInjector faults) {
    this.orders = orders;
    this.faults = faults;
  }

  @PostMapping
  ResponseEntity<OrderView> create(
      @RequestHeader(Idempotency.KEY_HEADER) String key,
      @Valid @RequestBody OrderRequest body,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    Idempotency.checkKey(key);
    InjectedFault fault = faults.beforeApply(EffectKind.ORDER_CREATE, request, key);
    Outcome<Order> outcome;
    try {
      outcome = orders.create(key, body);
    } finally {
      // Runs for refusals too: a lost or late answer does not care what the answer was.
      faults.afterDecision(fault, response);
    }
    return outcome.created(Idempotency.location("/orders/{key}", key), Order::view);
  }

  @PostMapping("/{key}/cancel")
  ResponseEntity<OrderView> cancel(
      @PathVariable String key, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    InjectedFault fault = faults.beforeApply(EffectKind.ORDER_CANCEL, request, key);
    Outcome<Order> outcome;
    try {
      outcome = orders.cancel(key);
    } finally {
      faults.afterDecision(fault, response);
    }
    return outcome.ok(Order::view);
  }

  @GetMapping("/{key}")
  OrderView find(@PathVariable String key, HttpServletRequest request) {
    faults.beforeLookup(request, key);
    return orders.find(key).view();
  }
}
