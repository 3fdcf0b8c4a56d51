package dev.settle.gateway.payment;

import dev.settle.workflows.payment.PaymentRequest;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** {@code POST /v1/payments} body. Amounts are decimal strings or JSON numbers, never floats. */
public record PaymentBody(
    @NotBlank @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}", message = "1-64 letters, digits or ._:-")
        String debitAccount,
    @NotBlank @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}", message = "1-64 letters, digits or ._:-")
        String creditAccount,
    @NotNull @Positive @Digits(integer = 15, fraction = 4) @DecimalMax("999999999999999.9999")
        BigDecimal amount,
    @NotNull @Pattern(regexp = "[A-Z]{3}", message = "an ISO 4217 code such as EUR") String currency) {

  @AssertTrue(message = "must differ from debitAccount")
  boolean isCreditAccountDistinct() {
    return debitAccount == null || !debitAccount.equals(creditAccount);
  }

  /**
   * SHA-256 of the canonical body: field order, JSON whitespace and how the amount is spelled
   * ({@code 12.5}, {@code "12.50"}) do not change it; any change of meaning does.
   */
  public String fingerprint() {
    String canonical =
        String.join(
            "\n",
            "payment",
            debitAccount,
            creditAccount,
            amount.stripTrailingZeros().toPlainString(),
            currency);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  public PaymentRequest toRequest(String clientId, String idempotencyKey) {
    return new PaymentRequest(
        clientId, idempotencyKey, debitAccount, creditAccount, amount, currency, fingerprint());
  }
}
