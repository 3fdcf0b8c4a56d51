package dev.settle.upstream.fault;

import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Response;
import org.apache.catalina.connector.ResponseFacade;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops the connection of the current request without sending a single byte, so the caller sees
 * what a crash or network cut after commit looks like: no status line, just EOF.
 *
 * <p>On Tomcat this asks the connector itself ({@link ActionCode#CLOSE_NOW}): it swallows all
 * further output and closes the socket once the request thread returns. Servlet offers no such
 * call, and Tomcat only hides its response behind the facade's field, hence the reflection.
 * Verified with java.net.http.HttpClient on JDK 17 (FaultModesIntegrationTest): the caller gets
 * {@code java.io.IOException: HTTP/1.1 header parser received no bytes}, caused by {@code
 * EOFException: EOF reached while reading}, at once rather than after its timeout; a raw socket
 * reads zero bytes before EOF.
 *
 * <p>Elsewhere (not Tomcat) it falls back to a truncated response: headers promising more body than
 * is ever sent. Forced onto Tomcat once to check it, the caller got {@code IOException: fixed
 * content-length: 1037, bytes received: 13}: still an I/O error, but a status line did arrive,
 * which is why it is only the fallback.
 */
final class ConnectionDropper {

  private static final Logger log = LoggerFactory.getLogger(ConnectionDropper.class);
  private static final Field FACADE_RESPONSE = facadeResponseField();

  private ConnectionDropper() {}

  static void drop(HttpServletResponse response) throws IOException {
    ServletResponse raw = response;
    while (raw instanceof ServletResponseWrapper wrapper) {
      raw = wrapper.getResponse();
    }
    if (raw instanceof ResponseFacade facade && FACADE_RESPONSE != null) {
      try {
        Response catalina = (Response) FACADE_RESPONSE.get(facade);
        catalina.getCoyoteResponse().action(ActionCode.CLOSE_NOW, null);
        return;
      } catch (IllegalAccessException | RuntimeException e) {
        log.warn("cannot close the Tomcat connection, truncating the response instead", e);
      }
    }
    truncate(response);
  }

  private static void truncate(HttpServletResponse response) throws IOException {
    byte[] partial = "{\"truncated\":".getBytes(StandardCharsets.UTF_8);
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("application/json");
    response.setContentLength(partial.length + 1024);
    // Without this the container keeps the connection for the missing bytes until its idle
    // timeout, and the caller sees a timeout instead of a broken response.
    response.setHeader("Connection", "close");
    response.getOutputStream().write(partial);
    response.flushBuffer();
  }

  private static Field facadeResponseField() {
    try {
      Field field = ResponseFacade.class.getDeclaredField("response");
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException | RuntimeException e) {
      log.warn("Tomcat's ResponseFacade has no accessible 'response' field", e);
      return null;
    }
  }
}
