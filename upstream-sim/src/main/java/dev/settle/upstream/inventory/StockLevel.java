package dev.settle.upstream.inventory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** How many units of a SKU are available: the body of {@code POST /admin/stock} and its answer. */
record StockLevel(
    @NotNull @Pattern(regexp = LineItem.SKU, message = "1 to 64 of A-Z a-z 0-9 . _ -") String sku,
    @NotNull @Min(0) @Max(MAX_AVAILABLE) Long available) {

  static final long MAX_AVAILABLE = 1_000_000_000L;
}
