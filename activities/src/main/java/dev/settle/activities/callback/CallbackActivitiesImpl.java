package dev.settle.activities.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.settle.workflows.callback.CallbackActivities;
import dev.settle.workflows.callback.DeliveryResult;
import dev.settle.workflows.callback.Notification;
import dev.settle.workflows.operation.SettleNames;
import io.temporal.spring.boot.ActivityImpl;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * POSTs the signed notification to the client's callback URL. Only a 2xx counts as delivered;
 * redirects are not followed (a receiver must answer at the URL it gave).
 */
@Component
@ActivityImpl(taskQueues = SettleNames.TASK_QUEUE)
public class CallbackActivitiesImpl implements CallbackActivities {
  private static final Logger log = LoggerFactory.getLogger(CallbackActivitiesImpl.class);

  private final CallbackProperties properties;
  private final CallbackSigner signer;
  private final ObjectMapper json;
  private final Clock clock = Clock.systemUTC();
  private final HttpClient http;

  public CallbackActivitiesImpl(CallbackProperties properties, ObjectMapper json) {
    this.properties = properties;
    this.signer = new CallbackSigner(properties.secret());
    this.json = json;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(properties.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  @Override
  public DeliveryResult deliver(Notification notification) {
    String body = body(notification);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(notification.callbackUrl()))
            .timeout(properties.attemptTimeout())
            .header("Content-Type", "application/json")
            .header(CallbackSigner.DELIVERY_ID_HEADER, notification.deliveryId())
            .header(CallbackSigner.SIGNATURE_HEADER, signer.header(clock.millis() / 1000, body))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    DeliveryResult result;
    try {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      result = new DeliveryResult(status / 100 == 2, status, "HTTP " + status);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      result = new DeliveryResult(false, 0, "interrupted while waiting for the receiver");
    } catch (IOException | RuntimeException failure) {
      result = new DeliveryResult(false, 0, failure.toString());
    }
    log.info(
        "callback {} attempt {} -> {}",
        notification.deliveryId(),
        notification.attempt(),
        result.detail());
    return result;
  }

  /**
   * The notification as the receiver reads it: the amount stays a decimal string, as in requests.
   */
  String body(Notification notification) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("deliveryId", notification.deliveryId());
    body.put("operationId", notification.deliveryId());
    body.put("type", notification.type());
    body.put("status", notification.status());
    body.put(
        "amount", notification.amount() == null ? null : notification.amount().toPlainString());
    body.put("currency", notification.currency());
    body.put(
        "decidedAt", notification.decidedAt() == null ? null : notification.decidedAt().toString());
    body.put("attempt", notification.attempt());
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
