package dev.settle.gateway.payment;

import static dev.settle.gateway.operation.Money.ACCOUNT;
import static dev.settle.gateway.operation.Money.AMOUNT;
import static dev.settle.gateway.operation.Money.CURRENCY;

import dev.settle.gateway.callback.CallbackUrl;
import dev.settle.gateway.operation.Money;
import dev.settle.gateway.operation.RequestFingerprint;
import dev.settle.workflows.payment.PaymentRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;

/**
 * {@code POST /v1/payments} body. The amount is a decimal string: JSON numbers are refused, so no
 * client library can turn money into a binary float on the way.
 */
public record PaymentBody(
    @Schema(example = "alice", pattern = ACCOUNT)
        @NotBlank
        @Pattern(regexp = ACCOUNT, message = "1-64 letters, digits or ._:-")
        String debitAccount,
    @Schema(example = "bob", pattern = ACCOUNT)
        @NotBlank
        @Pattern(regexp = ACCOUNT, message = "1-64 letters, digits or ._:-")
        String creditAccount,
    @Schema(example = "12.50", pattern = AMOUNT)
        @NotNull
        @Pattern(regexp = AMOUNT, message = "a positive decimal string such as \"12.50\"")
        String amount,
    @Schema(example = "EUR")
        @NotNull
        @Pattern(regexp = CURRENCY, message = "an ISO 4217 code such as EUR")
        String currency,
    @Schema(
            example = "https://shop.example/settle/callbacks",
            format = "uri",
            maxLength = 2048,
            description = CallbackUrl.DESCRIPTION)
        @CallbackUrl
        String callbackUrl) {

  @AssertTrue(message = "must differ from debitAccount")
  boolean isCreditAccountDistinct() {
    return debitAccount == null || !debitAccount.equals(creditAccount);
  }

  @AssertTrue(message = "must be a known ISO 4217 currency")
  boolean isCurrencyKnown() {
    return Money.isKnownCurrency(currency);
  }

  @AssertTrue(message = "must be greater than zero, with no more decimals than the currency allows")
  boolean isAmountValidForCurrency() {
    return Money.fitsCurrency(amount, currency);
  }

  /**
   * SHA-256 of the canonical body: field order, JSON whitespace and trailing zeros ({@code "12.5"},
   * {@code "12.50"}) do not change it; any change of meaning does.
   */
  public String fingerprint() {
    String body =
        RequestFingerprint.of(
            "payment", debitAccount, creditAccount, Money.canonical(amount), currency);
    return RequestFingerprint.withCallback(body, callbackUrl);
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
        requestId,
        callbackUrl);
  }
}
