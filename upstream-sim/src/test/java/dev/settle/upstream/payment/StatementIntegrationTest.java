package dev.settle.upstream.payment;

import static dev.settle.upstream.testsupport.UpstreamClient.json;
import static dev.settle.upstream.testsupport.UpstreamClient.payment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.settle.upstream.testsupport.PostgresBackedTest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The provider's daily export of settled charges, as Settle's statement import reads it. */
class StatementIntegrationTest extends PostgresBackedTest {

  @Test
  void theStatementListsEveryChargeOfTheDayOnceWithKeysQuotedWhereNeeded() throws Exception {
    String plain = "demo/stmt-" + UUID.randomUUID();
    String awkward = "demo/a,\"b\" " + UUID.randomUUID();
    JsonNode first = json(upstream.pay(plain, payment("acc-1", "acc-2", "12.50", "EUR")));
    JsonNode second = json(upstream.pay(awkward, payment("acc-1", "acc-2", "7", "EUR")));
    upstream.pay(plain, payment("acc-1", "acc-2", "12.50", "EUR")); // a replay is no new charge
    upstream.post(
        "/payments/" + dev.settle.upstream.testsupport.UpstreamClient.encode(plain) + "/refund");

    HttpResponse<String> statement =
        upstream.get("/admin/statement?date=" + LocalDate.now(ZoneOffset.UTC));

    assertThat(statement.statusCode()).isEqualTo(200);
    assertThat(statement.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    String[] lines = statement.body().split("\r\n");
    assertThat(lines[0]).isEqualTo("idempotency_key,payment_id,amount,currency,status,settled_at");
    assertThat(lines)
        .containsOnlyOnce(
            plain
                + ","
                + first.path("paymentId").asText()
                + ",12.50,EUR,SETTLED,"
                + first.path("createdAt").asText())
        .containsOnlyOnce(
            "\""
                + awkward.replace("\"", "\"\"")
                + "\","
                + second.path("paymentId").asText()
                + ",7,EUR,SETTLED,"
                + second.path("createdAt").asText());
  }

  @Test
  void anotherDayHasNoneOfTodaysCharges() throws Exception {
    String key = "demo/stmt-" + UUID.randomUUID();
    upstream.pay(key, payment("acc-1", "acc-2", "1.00", "EUR"));

    HttpResponse<String> yesterday =
        upstream.get("/admin/statement?date=" + LocalDate.now(ZoneOffset.UTC).minusDays(1));

    assertThat(yesterday.statusCode()).isEqualTo(200);
    assertThat(yesterday.body()).doesNotContain(key);
  }

  @Test
  void aMissingOrInvalidDateIsBadRequest() throws Exception {
    for (String query : new String[] {"", "?date=27-11-2026", "?date=2026-02-30"}) {
      HttpResponse<String> answer = upstream.get("/admin/statement" + query);
      assertThat(answer.statusCode()).as(query).isEqualTo(400);
      assertThat(answer.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    }
  }
}
