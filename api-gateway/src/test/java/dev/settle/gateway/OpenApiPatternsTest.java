package dev.settle.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.settle.gateway.idempotency.IdempotencyKey;
import dev.settle.gateway.operation.Money;
import dev.settle.gateway.problem.ApiException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The patterns the OpenAPI document publishes say exactly what the gateway's own checks accept: a
 * value matches the pattern if and only if the server takes it.
 */
class OpenApiPatternsTest {

  @Test
  void amountPatternPerCurrencyIsExactlyWhatMoneyAccepts() {
    List<String> amounts = amounts();
    for (String code : List.of("JPY", "EUR", "KWD", "XAU", "CLF")) {
      Currency currency = Currency.getInstance(code);
      Pattern pattern = Pattern.compile(OpenApiPatterns.amountPattern(Money.decimals(currency)));
      for (String amount : amounts) {
        boolean accepted = amount.matches(Money.AMOUNT) && Money.fitsCurrency(amount, code);
        assertThat(pattern.matcher(amount).matches())
            .as("%s %s (server accepts: %s)", amount, code, accepted)
            .isEqualTo(accepted);
      }
    }
  }

  @Test
  void currencyGroupsCoverEveryKnownCurrencyOnceWithItsDecimals() {
    var groups = OpenApiPatterns.currenciesByDecimals();
    assertThat(groups.get(0)).contains("JPY").doesNotContain("EUR");
    assertThat(groups.get(2)).contains("EUR", "USD");
    assertThat(groups.get(3)).contains("KWD");
    assertThat(groups.values().stream().mapToInt(java.util.Set::size).sum())
        .isEqualTo(Currency.getAvailableCurrencies().size());
  }

  @Test
  void keyHeaderPatternIsExactlyWhatTheGatewayParses() {
    Pattern pattern = Pattern.compile(OpenApiPatterns.KEY_HEADER_PATTERN);
    Random random = new Random(14);
    String alphabet = "a ~\"\\\t\u00e9";
    List<String> headers = new ArrayList<>(List.of("\"\"", "\" \"", "\"a\"", "\"\\\"\"", "\""));
    for (int i = 0; i < 20_000; i++) {
      StringBuilder header = new StringBuilder();
      int length = random.nextInt(7);
      for (int j = 0; j < length; j++) {
        header.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      headers.add(header.toString());
    }
    for (int length : new int[] {176, 177, 178}) {
      headers.add("k".repeat(length));
      headers.add("\"" + "k".repeat(length) + "\"");
      headers.add("\"" + "\\\\".repeat(length) + "\"");
    }
    for (String header : headers) {
      if (!header.isEmpty() && Character.isWhitespace(header.charAt(0))) {
        continue; // HTTP strips leading whitespace before the gateway sees the value
      }
      assertThat(pattern.matcher(header).matches()).as("[%s]", header).isEqualTo(parses(header));
    }
  }

  @Test
  void keyPathPatternIsExactlyWhatTheGatewayValidates() {
    Pattern pattern = Pattern.compile(OpenApiPatterns.KEY_PATH_PATTERN);
    for (String key : List.of("a", " a ", "   ", "a\u00e9", "a\tb", "\"quoted\"", "a/b", "\\")) {
      boolean valid;
      try {
        IdempotencyKey.validate(key);
        valid = true;
      } catch (ApiException invalid) {
        valid = false;
      }
      assertThat(pattern.matcher(key).matches()).as("[%s]", key).isEqualTo(valid);
    }
  }

  private static boolean parses(String header) {
    try {
      IdempotencyKey.parse(header);
      return true;
    } catch (ApiException invalid) {
      return false;
    }
  }

  /** Integer parts around the bounds, with every fraction of up to five digits of 0, 1 and 5. */
  private static List<String> amounts() {
    List<String> fractions = new ArrayList<>(List.of(""));
    List<String> last = List.of("");
    for (int digits = 1; digits <= 5; digits++) {
      List<String> next = new ArrayList<>();
      for (String prefix : last) {
        for (char d : new char[] {'0', '1', '5'}) {
          next.add(prefix + d);
        }
      }
      fractions.addAll(next);
      last = next;
    }
    List<String> amounts = new ArrayList<>();
    for (String whole : List.of("0", "00", "1", "10", "999999999999999", "1000000000000000")) {
      for (String fraction : fractions) {
        amounts.add(fraction.isEmpty() ? whole : whole + "." + fraction);
      }
    }
    amounts.addAll(List.of("", ".5", "1.", "-1", "1e3", " 1"));
    return amounts;
  }
}
