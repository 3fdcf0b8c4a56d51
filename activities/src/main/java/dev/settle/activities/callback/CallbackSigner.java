package dev.settle.activities.callback;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code Settle-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}. The timestamp is
 * signed with the body so a receiver can refuse replays of an old notification; each attempt is
 * signed afresh.
 */
public final class CallbackSigner {
  public static final String SIGNATURE_HEADER = "Settle-Signature";
  public static final String DELIVERY_ID_HEADER = "Settle-Delivery-Id";

  private final byte[] secret;

  public CallbackSigner(String secret) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  public String header(long epochSeconds, String body) {
    return "t=" + epochSeconds + ",v1=" + hmac(epochSeconds + "." + body);
  }

  String hmac(String signed) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
