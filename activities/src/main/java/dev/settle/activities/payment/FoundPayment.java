package dev.settle.activities.payment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.settle.workflows.payment.LookupInput;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compares the payment an upstream lookup found under a key with the payment Settle asked for. The
 * key alone does not prove it is ours: a key collision or an upstream that mixed up its records
 * would otherwise confirm an operation with someone else's money.
 */
final class FoundPayment {
  private FoundPayment() {}

  /**
   * @return what differs ("amount 10.00, asked 12.50; ..."), or null when it is the payment asked
   *     for, or when the lookup did not say what it asks for (histories from before the check)
   */
  static String differenceFrom(LookupInput asked, JsonNode found) {
    if (asked.amount() == null) {
      return null;
    }
    List<String> differences = new ArrayList<>();
    text(differences, "debitAccount", asked.debitAccount(), found);
    text(differences, "creditAccount", asked.creditAccount(), found);
    text(differences, "currency", asked.currency(), found);
    BigDecimal amount = amount(found.path("amount"));
    if (amount == null || amount.compareTo(asked.amount()) != 0) {
      differences.add(
          "amount "
              + (amount == null ? found.path("amount").asText("none") : plain(amount))
              + ", asked "
              + plain(asked.amount()));
    }
    return differences.isEmpty() ? null : String.join("; ", differences);
  }

  private static void text(List<String> differences, String name, String asked, JsonNode found) {
    String value = found.path(name).asText(null);
    if (!Objects.equals(value, asked)) {
      differences.add(name + " " + value + ", asked " + asked);
    }
  }

  /** JSON numbers arrive as doubles, without their scale: compare and show values only. */
  private static String plain(BigDecimal amount) {
    return amount.stripTrailingZeros().toPlainString();
  }

  private static BigDecimal amount(JsonNode node) {
    try {
      return node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText());
    } catch (NumberFormatException notANumber) { // also a missing node: "" is no number
      return null;
    }
  }
}
