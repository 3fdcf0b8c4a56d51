package dev.settle.gateway.order;

import static dev.settle.gateway.operation.Money.ACCOUNT;
import static dev.settle.gateway.operation.Money.AMOUNT;
import static dev.settle.gateway.operation.Money.CURRENCY;

import dev.settle.gateway.callback.CallbackUrl;
import dev.settle.gateway.operation.Money;
import dev.settle.gateway.operation.RequestFingerprint;
import dev.settle.workflows.order.OrderItem;
import dev.settle.workflows.order.OrderRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/** {@code POST /v1/orders}: the customer buys items from the merchant and pays {@code amount}. */
public record OrderBody(
    @Schema(example = "alice")
        @NotBlank
        @Pattern(regexp = ACCOUNT, message = "1-64 letters, digits or ._:-")
        String customerAccount,
    @Schema(example = "shop")
        @NotBlank
        @Pattern(regexp = ACCOUNT, message = "1-64 letters, digits or ._:-")
        String merchantAccount,
    @NotNull @Size(min = 1, max = 50) List<@Valid @NotNull Item> items,
    @Schema(example = "30.00", pattern = AMOUNT)
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

  /** One order line (named apart from the list's items in the OpenAPI document). */
  @Schema(name = "OrderLine")
  public record Item(
      @Schema(example = "sku-1") @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String sku,
      @Min(1) @Max(1000) int quantity) {}

  @AssertTrue(message = "must differ from customerAccount")
  boolean isMerchantAccountDistinct() {
    return customerAccount == null || !customerAccount.equals(merchantAccount);
  }

  @AssertTrue(message = "must be a known ISO 4217 currency")
  boolean isCurrencyKnown() {
    return Money.isKnownCurrency(currency);
  }

  @AssertTrue(message = "must be greater than zero, with no more decimals than the currency allows")
  boolean isAmountValidForCurrency() {
    return Money.fitsCurrency(amount, currency);
  }

  /** Items keep their order: a different order of lines is a different request. */
  public String fingerprint() {
    StringBuilder lines = new StringBuilder();
    for (Item item : items) {
      lines.append(item.sku()).append('x').append(item.quantity()).append(';');
    }
    String body =
        RequestFingerprint.of(
            "order",
            customerAccount,
            merchantAccount,
            lines.toString(),
            Money.canonical(amount),
            currency);
    return RequestFingerprint.withCallback(body, callbackUrl);
  }

  public OrderRequest toRequest(String clientId, String idempotencyKey, String requestId) {
    return new OrderRequest(
        clientId,
        idempotencyKey,
        customerAccount,
        merchantAccount,
        items.stream().map(i -> new OrderItem(i.sku(), i.quantity())).toList(),
        new BigDecimal(amount),
        currency,
        fingerprint(),
        requestId,
        callbackUrl);
  }
}
