package dev.settle.gateway.callback;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Refuses what the worker must never be made to call: other schemes, relative or credential-bearing
 * URLs, and plain http except to loopback in development. Loopback is judged from the literal host
 * (an IP literal or "localhost"), never by resolving a name, so the answer cannot change later.
 */
class CallbackUrlValidator implements ConstraintValidator<CallbackUrl, String> {
  static final int MAX_LENGTH = 2048;

  private final CallbackUrlProperties properties;

  CallbackUrlValidator(CallbackUrlProperties properties) {
    this.properties = properties;
  }

  @Override
  public boolean isValid(String value, ConstraintValidatorContext context) {
    if (value == null) {
      return true; // optional
    }
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      return false;
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException malformed) {
      return false;
    }
    if (!uri.isAbsolute()
        || uri.isOpaque()
        || uri.getHost() == null
        || uri.getRawUserInfo() != null
        || uri.getRawFragment() != null) {
      return false;
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) {
      return true;
    }
    return scheme.equals("http") && properties.allowHttpLoopback() && isLoopback(uri.getHost());
  }

  static boolean isLoopback(String host) {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (bare.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!bare.matches("[0-9.]+|[0-9A-Fa-f:.]+") || !(bare.contains(".") || bare.contains(":"))) {
      return false; // a name, not an IP literal
    }
    try {
      return InetAddress.getByName(bare).isLoopbackAddress(); // literal: no DNS lookup
    } catch (UnknownHostException notALiteral) {
      return false;
    }
  }
}
