package dev.settle.gateway.payment;

import dev.settle.workflows.payment.PaymentRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Currency;
import java.util.HexFormat;

/**
 * {@code POST /v1/payments} body. The amount is a decimal string: JSON numbers are refused, so no
 * client library can turn money into a binary float on the way.
 */
public record PaymentBody(
    @Schema(example = "alice", pattern = ACCOUNT)
        @NotBlank @Pattern(regexp = ACCOUNT, message = "1-64 letters, digits or ._:-")
        String debitAccount,
    @Schema(example = "bob", pattern = ACCOUNT)
        @NotBlank @Pattern(regexp = ACCOUNT, message = "1-64 letters, digits or ._:-")
        String creditAccount,
    @Schema(example = "12.50", pattern = AMOUNT)
        @NotNull @Pattern(regexp = AMOUNT, message = "a positive decimal string such as \"12.50\"")
        String amount,
    @Schema(example = "EUR") @NotNull @Pattern(regexp = "[A-Z]{3}", message = "an ISO 4217 code such as EUR")
        String currency) {

  static final String ACCOUNT = "[A-Za-z0-9._:-]{1,64}";
  static final String AMOUNT = "(0|[1-9][0-9]{0,14})(\\.[0-9]{1,4})?";

  @AssertTrue(message = "must differ from debitAccount")
  boolean isCreditAccountDistinct() {
    return debitAccount == null || !debitAccount.equals(creditAccount);
  }

  @AssertTrue(message = "must be a known ISO 4217 currency")
  boolean isCurrencyKnown() {
    return currency == null || !currency.matches("[A-Z]{3}") || knownCurrency() != null;
  }

  @AssertTrue(message = "must be greater than zero, with no more decimals than the currency allows")
  boolean isAmountValidForCurrency() {
    if (amount == null || !amount.matches(AMOUNT)) {
      return true; // reported by the pattern
    }
    BigDecimal value = new BigDecimal(amount);
    Currency known = knownCurrency();
    int decimals = known == null || known.getDefaultFractionDigits() < 0 ? 4 : known.getDefaultFractionDigits();
    return value.signum() > 0 && value.stripTrailingZeros().scale() <= decimals;
  }

  private Currency knownCurrency() {
    try {
      return currency == null ? null : Currency.getInstance(currency);
    } catch (IllegalArgumentException unknown) {
      return null;
    }
  }

  /**
   * SHA-256 of the canonical body: field order, JSON whitespace and trailing zeros ({@code "12.5"},
   * {@code "12.50"}) do not change it; any change of meaning does.
   */
  public String fingerprint() {
    String canonical =
        String.join(
            "\n",
            "payment",
            debitAccount,
            creditAccount,
            new BigDecimal(amount).stripTrailingZeros().toPlainString(),
            currency);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  public PaymentRequest toRequest(String clientId, String idempotencyKey, String requestId) {
    return new PaymentRequest(
        clientId,
        idempotencyKey,
        debitAccount,
        creditAccount,
        new BigDecimal(amount),
        currency,
        fingerprint(),
        requestId);
  }
}
