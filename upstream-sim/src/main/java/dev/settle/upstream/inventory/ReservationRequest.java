package dev.settle.upstream.inventory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Body of {@code POST /inventory/reservations}; a SKU may appear on several lines. */
record ReservationRequest(
    @NotNull @Size(min = 1, max = LineItem.MAX_LINES) List<@NotNull @Valid LineItem> items) {}
