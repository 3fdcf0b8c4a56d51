package dev.settle.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A seeded corpus of 1,200 malformed requests, written byte by byte to the gateway's socket:
 * truncated JSON, wrong types, huge numbers, unicode tricks, bad keys (with attempted header
 * injection), oversized and deeply nested bodies. None may get a 5xx or a non-problem answer, and
 * Temporal's visibility must show that not one workflow was started.
 */
@ExtendWith(SettleStack.class)
class MalformedRequestsIT {
  static final long SEED = 20261127L;
  static final String VALID =
      "{\"debitAccount\":\"alice\",\"creditAccount\":\"bob\",\"amount\":\"1.00\",\"currency\":\"EUR\"}";

  final SettleStack stack = SettleStack.get();

  record Sent(String label, int status, String contentType) {}

  @Test
  void noMalformedRequestGetsA5xxOrStartsAWorkflow() throws Exception {
    long before = workflowCount();
    Random random = new Random(SEED);
    List<Sent> answers = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      answers.add(send(i, random));
    }
    long after = workflowCount();

    assertThat(answers).hasSize(1200);
    assertThat(answers).filteredOn(a -> a.status() >= 500).isEmpty();
    assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.label()).isBetween(400, 499));
    assertThat(answers)
        .allSatisfy(
            a -> assertThat(a.contentType()).as(a.label()).startsWith("application/problem+json"));
    assertThat(after).as("workflows started by malformed requests").isEqualTo(before);
  }

  private Sent send(int i, Random random) throws IOException {
    String key = "fuzz-" + i;
    String body = VALID;
    String contentType = "application/json";
    String auth = "Bearer dev-key-demo";
    String label;
    switch (i % 12) {
      case 0 -> {
        int cut = random.nextInt(VALID.length() - 1);
        body = VALID.substring(0, cut);
        label = "truncated at " + cut;
      }
      case 1 -> {
        String[] wrong = {"12.5", "true", "null", "[\"1\"]", "{\"v\":1}", "-1", "\"\""};
        String field = pick(random, "debitAccount", "creditAccount", "amount", "currency");
        body =
            VALID.replaceFirst(
                "\"" + field + "\":\"[^\"]*\"", "\"" + field + "\":" + pick(random, wrong));
        label = "wrong type for " + field;
      }
      case 2 -> {
        String huge = "9".repeat(1 + random.nextInt(5000));
        body = VALID.replace("\"1.00\"", random.nextBoolean() ? huge : "\"" + huge + ".01\"");
        label = "huge number";
      }
      case 3 -> {
        String trick =
            pick(
                random,
                "\u202Ealice",
                "al\u200Bice",
                "\u0430lice",
                "bob\u0000",
                "\uD83D\uDCB8",
                "a\\u0000");
        body = VALID.replace("\"alice\"", "\"" + trick + "\"");
        label = "unicode trick";
      }
      case 4 -> {
        key =
            pick(
                random,
                "",
                "x".repeat(256 + random.nextInt(100)),
                "caf\u00e9",
                "\"open",
                "\"a\"b\"",
                "\"\\q\"");
        label = "bad key";
      }
      case 5 -> {
        key = "k\r\nX-Injected: 1";
        body = VALID.replace("\"EUR\"", "\"EURO\"");
        label = "header injection in the key with an invalid body";
      }
      case 6 -> {
        body = "{\"debitAccount\":\"" + "a".repeat(65 * 1024 + random.nextInt(10_000)) + "\"}";
        label = "oversized body";
      }
      case 7 -> {
        int depth = 20 + random.nextInt(200);
        body = "[".repeat(depth) + "]".repeat(depth);
        label = "nested " + depth;
      }
      case 8 -> {
        contentType =
            pick(random, "text/plain", "application/xml", "application/x-www-form-urlencoded");
        label = "content type " + contentType;
      }
      case 9 -> {
        auth = pick(random, "", "Bearer", "Bearer dev-key-demo2", "Basic ZGVtbzpkZW1v", "bearer  ");
        label = "bad auth '" + auth + "'";
      }
      case 10 -> {
        body = VALID.replace("}", ",\"extra\":" + random.nextInt() + "}");
        label = "unknown field";
      }
      default -> {
        String amount =
            pick(
                random, "0", "0.00", "-5", "1.001", "1e2", " 1", "1,00", "NaN", "Infinity", "0x10");
        body = VALID.replace("\"1.00\"", "\"" + amount + "\"");
        label = "bad amount " + amount;
      }
    }
    return post(label, key, body, contentType, auth);
  }

  private Sent post(String label, String key, String body, String contentType, String auth)
      throws IOException {
    byte[] payload = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder();
    head.append("POST /v1/payments HTTP/1.1\r\n")
        .append("Host: 127.0.0.1\r\n")
        .append("Connection: close\r\n")
        .append("Content-Type: ")
        .append(contentType)
        .append("\r\n")
        .append("Content-Length: ")
        .append(payload.length)
        .append("\r\n");
    if (!auth.isEmpty()) {
      head.append("Authorization: ").append(auth).append("\r\n");
    }
    head.append("Idempotency-Key: ").append(key).append("\r\n\r\n");
    try (Socket socket =
        new Socket(stack.target().host(), stack.target().port("SETTLE_GATEWAY_PORT"))) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      try {
        out.write(payload);
        out.flush();
      } catch (IOException closedEarly) {
        // The server may answer (413) and close before reading an oversized body.
      }
      String response = new String(readAll(socket.getInputStream()), StandardCharsets.ISO_8859_1);
      int status = Integer.parseInt(response.substring(9, 12));
      String type = "";
      for (String line :
          response.substring(0, Math.max(0, response.indexOf("\r\n\r\n"))).split("\r\n")) {
        if (line.regionMatches(true, 0, "Content-Type:", 0, 13)) {
          type = line.substring(13).trim();
        }
      }
      return new Sent(label, status, type);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        bytes.write(buffer, 0, n);
      }
    } catch (java.net.SocketException reset) {
      // A reset after the answer was sent still leaves the answer readable.
    }
    return bytes.toByteArray();
  }

  private long workflowCount() {
    String out = stack.temporal("workflow", "count");
    return Long.parseLong(out.replaceAll("[^0-9]", ""));
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... options) {
    return options[random.nextInt(options.length)];
  }
}
