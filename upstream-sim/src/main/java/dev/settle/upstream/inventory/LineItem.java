package dev.settle.upstream.inventory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** One line of an order or a reservation: so many units of one SKU. */
public record LineItem(
    @NotNull @Pattern(regexp = LineItem.SKU, message = "1 to 64 of A-Z a-z 0-9 . _ -") String sku,
    @NotNull @Min(1) @Max(MAX_QUANTITY) Integer quantity) {

  public static final String SKU = "[A-Za-z0-9._-]{1,64}";
  public static final int MAX_QUANTITY = 1000;
  public static final int MAX_LINES = 50;

  /** The line as fingerprint parts, so a changed SKU or quantity is a different request. */
  public String canonical() {
    return sku + "*" + quantity;
  }
}
