package dev.settle.upstream.payment;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;

/**
 * Body of {@code POST /payments}. Jackson reads {@code amount} from a JSON number or a string.
 * Accounts may not contain '|' because it separates the fields of the fingerprint; the digit limits
 * keep absurd exponents like 1E+999999999 out before anything prints them in full.
 */
record PaymentRequest(
    @NotBlank @Pattern(regexp = "[^|]{1,100}", message = "1 to 100 characters, no '|'")
        String debitAccount,
    @NotBlank @Pattern(regexp = "[^|]{1,100}", message = "1 to 100 characters, no '|'")
        String creditAccount,
    @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 18, fraction = 6)
        BigDecimal amount,
    @NotNull @Pattern(regexp = "[A-Z]{3}", message = "three upper-case letters (ISO 4217)")
        String currency) {}
