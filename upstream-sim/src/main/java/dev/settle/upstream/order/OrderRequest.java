package dev.settle.upstream.order;

import dev.settle.upstream.inventory.LineItem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/** Body of {@code POST /orders}. Jackson reads {@code total} from a JSON number or a string. */
record OrderRequest(
    @NotBlank @Size(max = 100) String customer,
    @NotNull @Size(min = 1, max = LineItem.MAX_LINES) List<@NotNull @Valid LineItem> items,
    @NotNull @Pattern(regexp = "[A-Z]{3}", message = "three upper-case letters (ISO 4217)")
        String currency,
    @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 18, fraction = 6)
        BigDecimal total) {}
