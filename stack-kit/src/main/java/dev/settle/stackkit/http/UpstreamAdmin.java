package dev.settle.stackkit.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.settle.stackkit.http.Http.Answer;

/** upstream-sim's admin API: fault rules and stock levels. */
public final class UpstreamAdmin {
  private final Http http;
  private final String baseUrl;

  public UpstreamAdmin(Http http, String baseUrl) {
    this.http = http;
    this.baseUrl = baseUrl;
  }

  /** Adds a rule, e.g. {@code {"mode":"COMMIT_THEN_TIMEOUT","probability":1}}; returns its id. */
  public String addFault(String json) {
    return http.postJson(baseUrl + "/admin/faults", json)
        .expect("POST /admin/faults " + json, 201)
        .text("id");
  }

  public JsonNode faults() {
    return http.get(baseUrl + "/admin/faults").expect("GET /admin/faults", 200).body();
  }

  public void clearFaults() {
    http.delete(baseUrl + "/admin/faults").expect("DELETE /admin/faults", 204);
  }

  public void setStock(String sku, long available) {
    Answer answer =
        http.postJson(
            baseUrl + "/admin/stock", "{\"sku\":\"" + sku + "\",\"available\":" + available + "}");
    answer.expect("POST /admin/stock " + sku, 200);
  }
}
