package dev.settle.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A client's callback endpoint on loopback, written as a careful client would: it checks the
 * signature, refuses the first {@code failFirst} deliveries of each delivery id (a flaky receiver),
 * and processes each delivery id once, answering 2xx to duplicates without processing them again.
 */
final class CallbackReceiver implements AutoCloseable {
  static final Pattern SIGNATURE = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})");

  record Delivery(String deliveryId, String body, boolean signatureValid, int answered) {}

  private final HttpServer server;
  private final String secret;
  private final int failFirst;
  private volatile boolean alwaysFail;
  final List<Delivery> received = new CopyOnWriteArrayList<>();

  /** What the client acted on: one body per delivery id. */
  final Map<String, String> processed = new ConcurrentHashMap<>();

  final Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();

  CallbackReceiver(String secret, int failFirst, boolean alwaysFail) throws IOException {
    this.secret = secret;
    this.failFirst = failFirst;
    this.alwaysFail = alwaysFail;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hook", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  void recover() {
    alwaysFail = false;
  }

  List<Delivery> of(String deliveryId) {
    return received.stream().filter(d -> deliveryId.equals(d.deliveryId())).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String id = exchange.getRequestHeaders().getFirst("Settle-Delivery-Id");
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    boolean valid = verify(exchange.getRequestHeaders().getFirst("Settle-Signature"), body);
    int answer;
    if (!valid || id == null) {
      answer = 401;
    } else if (alwaysFail
        || tries.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() <= failFirst) {
      answer = 503;
    } else {
      processed.putIfAbsent(id, body); // a duplicate is acknowledged, not acted on twice
      answer = 204;
    }
    received.add(new Delivery(id, body, valid, answer));
    exchange.sendResponseHeaders(answer, -1);
    exchange.close();
  }

  private boolean verify(String header, String body) {
    if (header == null) {
      return false;
    }
    Matcher m = SIGNATURE.matcher(header);
    if (!m.matches()
        || Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(m.group(1))) > 300) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String expected =
          HexFormat.of()
              .formatHex(mac.doFinal((m.group(1) + "." + body).getBytes(StandardCharsets.UTF_8)));
      return java.security.MessageDigest.isEqual(
          expected.getBytes(StandardCharsets.US_ASCII),
          m.group(2).getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
