package dev.settle.upstream.inventory;

import dev.settle.upstream.effect.EffectKind;
import dev.settle.upstream.fault.FaultInjector;
import dev.settle.upstream.fault.InjectedFault;
import dev.settle.upstream.idempotency.Idempotency;
import dev.settle.upstream.idempotency.Outcome;
import dev.settle.upstream.inventory.Reservation.ReservationView;
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

/** The inventory upstream: reserve once per Idempotency-Key, release once, look up. */
@RestController
@RequestMapping("/inventory/reservations")
class ReservationController {

  private final ReservationService reservations;
  private final FaultInjector faults;

  ReservationController(ReservationService reservations, FaultInjector faults) {
    this.reservations = reservations;
    this.faults = faults;
  }

  @PostMapping
  ResponseEntity<ReservationView> reserve(
      @RequestHeader(Idempotency.KEY_HEADER) String key,
      @Valid @RequestBody ReservationRequest body,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    Idempotency.checkKey(key);
    InjectedFault fault = faults.beforeApply(EffectKind.STOCK_RESERVE, request, key);
    Outcome<Reservation> outcome;
    try {
      outcome = reservations.reserve(key, body);
    } finally {
      // Runs for refusals too: a lost or late answer does not care what the answer was.
      faults.afterDecision(fault, response);
    }
    return outcome.created(
        Idempotency.location("/inventory/reservations/{key}", key), Reservation::view);
  }

  @PostMapping("/{key}/release")
  ResponseEntity<ReservationView> release(
      @PathVariable String key, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    InjectedFault fault = faults.beforeApply(EffectKind.STOCK_RELEASE, request, key);
    Outcome<Reservation> outcome;
    try {
      outcome = reservations.release(key);
    } finally {
      faults.afterDecision(fault, response);
    }
    return outcome.ok(Reservation::view);
  }

  @GetMapping("/{key}")
  ReservationView find(@PathVariable String key, HttpServletRequest request) {
    faults.beforeLookup(request, key);
    return reservations.find(key).view();
  }
}
