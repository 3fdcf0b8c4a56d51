package dev.settle.gateway.reconciliation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an upstream statement: RFC 4180 CSV, one settled payment per line, under this exact header.
 * Fields may be quoted ({@code "a,b"}, {@code ""} for a quote), since idempotency keys may hold
 * commas and quotes. Every line is checked before anything is used: one bad line refuses the whole
 * statement, so an import is never half applied.
 */
final class StatementCsv {
  static final String HEADER = "idempotency_key,payment_id,amount,currency,status,settled_at";
  private static final int FIELDS = 6;

  private StatementCsv() {}

  /** One settled payment of the statement; {@code line} counts from 1, the header. */
  record Line(
      int line,
      String idempotencyKey,
      String paymentId,
      BigDecimal amount,
      String currency,
      String status,
      Instant settledAt) {}

  /** The lines, or every error with its line number. */
  record Parsed(List<Line> lines, List<Integer> badLines, List<String> errors) {
    boolean valid() {
      return errors.isEmpty();
    }
  }

  static Parsed parse(String csv) {
    List<Line> lines = new ArrayList<>();
    List<Integer> badLines = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    String[] rows = csv.split("\n", -1);
    if (rows.length == 0 || !stripCr(rows[0]).trim().equals(HEADER)) {
      return new Parsed(List.of(), List.of(1), List.of("line 1: the header must be " + HEADER));
    }
    Map<String, Integer> firstLineOfKey = new HashMap<>();
    for (int i = 1; i < rows.length; i++) {
      int number = i + 1;
      String row = stripCr(rows[i]);
      if (row.isBlank()) {
        continue;
      }
      try {
        Line line = line(number, fields(row));
        Integer earlier = firstLineOfKey.putIfAbsent(line.idempotencyKey(), number);
        if (earlier != null) {
          throw new IllegalArgumentException(
              "key " + line.idempotencyKey() + " is already on line " + earlier);
        }
        lines.add(line);
      } catch (IllegalArgumentException bad) {
        badLines.add(number);
        errors.add("line " + number + ": " + bad.getMessage());
      }
    }
    return new Parsed(lines, badLines, errors);
  }

  private static Line line(int number, List<String> f) {
    if (f.size() != FIELDS) {
      throw new IllegalArgumentException(FIELDS + " fields expected, found " + f.size());
    }
    String key = f.get(0);
    if (key.isEmpty() || key.length() > 512 || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
      throw new IllegalArgumentException(
          "idempotency_key must be 1-512 printable ASCII characters");
    }
    if (f.get(1).isBlank()) {
      throw new IllegalArgumentException("payment_id is empty");
    }
    BigDecimal amount = Settlements.amount(f.get(2));
    if (amount == null) {
      throw new IllegalArgumentException("amount '" + f.get(2) + "' is not a positive decimal");
    }
    if (!Settlements.isCurrency(f.get(3))) {
      throw new IllegalArgumentException(
          "currency '" + f.get(3) + "' is not three upper-case letters");
    }
    if (!Settlements.isStatus(f.get(4))) {
      throw new IllegalArgumentException("status '" + f.get(4) + "' is not an upper-case word");
    }
    Instant settledAt;
    try {
      settledAt = Instant.parse(f.get(5));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "settled_at '" + f.get(5) + "' is not an ISO-8601 instant");
    }
    return new Line(number, key, f.get(1), amount, f.get(3), f.get(4), settledAt);
  }

  /** The fields of one row, quotes undone. */
  static List<String> fields(String row) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    while (true) {
      if (i < row.length() && row.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= row.length()) {
            throw new IllegalArgumentException("unterminated quoted field");
          }
          char c = row.charAt(i++);
          if (c == '"') {
            if (i < row.length() && row.charAt(i) == '"') {
              field.append('"');
              i++;
            } else {
              break;
            }
          } else {
            field.append(c);
          }
        }
        if (i < row.length() && row.charAt(i) != ',') {
          throw new IllegalArgumentException("text after a closing quote");
        }
      } else {
        while (i < row.length() && row.charAt(i) != ',') {
          char c = row.charAt(i++);
          if (c == '"') {
            throw new IllegalArgumentException("a quote inside an unquoted field");
          }
          field.append(c);
        }
      }
      fields.add(field.toString());
      field.setLength(0);
      if (i >= row.length()) {
        return fields;
      }
      i++; // the comma
    }
  }

  private static String stripCr(String row) {
    return row.endsWith("\r") ? row.substring(0, row.length() - 1) : row;
  }
}
