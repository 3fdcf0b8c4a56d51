package dev.settle.chaos.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.settle.chaos.http.Http.Answer;

/** upstream-sim's admin API: fault rules and stock levels. */
public final class UpstreamAdmin {
  private final Http http;
  private final String baseUrl;

  public UpstreamAdmin(Http http, String baseUrl) {
    this.http = http;
    this.baseUrl = baseUrl;
  }

  /** Adds a rule; returns its id. */
  public String addFault(String json) {
    Answer answer = http.postJson(baseUrl + "/admin/faults", json);
    require(answer, 201, "POST /admin/faults " + json);
    return answer.text("id");
  }

  public JsonNode faults() {
    Answer answer = http.get(baseUrl + "/admin/faults");
    require(answer, 200, "GET /admin/faults");
    return answer.body();
  }

  public void clearFaults() {
    Answer answer = http.delete(baseUrl + "/admin/faults");
    require(answer, 204, "DELETE /admin/faults");
  }

  public void setStock(String sku, long available) {
    Answer answer =
        http.postJson(
            baseUrl + "/admin/stock", "{\"sku\":\"" + sku + "\",\"available\":" + available + "}");
    require(answer, 200, "POST /admin/stock " + sku);
  }

  private static void require(Answer answer, int status, String what) {
    if (answer.status() != status) {
      throw new IllegalStateException(
          what
              + " answered "
              + (answer.transportFailure() ? answer.error() : answer.status())
              + ": "
              + answer.body());
    }
  }
}
