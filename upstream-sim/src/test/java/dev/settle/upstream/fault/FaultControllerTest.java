package dev.settle.upstream.fault;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@WebMvcTest(FaultController.class)
@Import(FaultRules.class)
class FaultControllerTest {

  @Autowired MockMvc mvc;

  private ResultActions add(String body) throws Exception {
    return mvc.perform(post("/admin/faults").contentType(MediaType.APPLICATION_JSON).content(body));
  }

  @Test
  void addedRuleGetsAnIdAndDefaults() throws Exception {
    add("{\"mode\":\"FAIL_BEFORE_COMMIT\"}")
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.id").isString())
        .andExpect(jsonPath("$.mode").value("FAIL_BEFORE_COMMIT"))
        .andExpect(jsonPath("$.probability").value(1.0))
        .andExpect(jsonPath("$.count").isEmpty())
        .andExpect(jsonPath("$.fired").value(0));
  }

  @Test
  void rulesAreListedInOrderAndClearedByDelete() throws Exception {
    mvc.perform(delete("/admin/faults")).andExpect(status().isNoContent());
    add("{\"mode\":\"LATENCY\",\"latencyMs\":250,\"count\":3}").andExpect(status().isCreated());
    add("{\"mode\":\"STATUS_UNAVAILABLE\",\"probability\":0.5,\"path\":\"/payments/a\"}")
        .andExpect(status().isCreated());

    mvc.perform(get("/admin/faults"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(2))
        .andExpect(jsonPath("$[0].mode").value("LATENCY"))
        .andExpect(jsonPath("$[0].latencyMs").value(250))
        .andExpect(jsonPath("$[0].count").value(3))
        .andExpect(jsonPath("$[1].mode").value("STATUS_UNAVAILABLE"))
        .andExpect(jsonPath("$[1].probability").value(0.5))
        .andExpect(jsonPath("$[1].path").value("/payments/a"));

    mvc.perform(delete("/admin/faults")).andExpect(status().isNoContent());
    mvc.perform(get("/admin/faults")).andExpect(jsonPath("$.length()").value(0));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"mode\":\"EXPLODE\"}",
        "{\"mode\":\"LATENCY\",\"probability\":1.5}",
        "{\"mode\":\"LATENCY\",\"probability\":-0.1}",
        "{\"mode\":\"LATENCY\",\"count\":-1}",
        "{\"mode\":\"LATENCY\",\"count\":0}",
        "{\"mode\":\"LATENCY\",\"latencyMs\":-1}",
        "{\"mode\":\"LATENCY\",\"path\":\"payments\"}"
      })
  void invalidRulesAre400InvalidFault(String body) throws Exception {
    add(body)
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://settle.dev/problems/upstream/invalid-fault"))
        .andExpect(jsonPath("$.detail").isString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{oops", "{\"mode\":\"LATENCY\",\"probability\":\"high\"}"})
  void unreadableRulesAre400(String body) throws Exception {
    add(body)
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(
            jsonPath("$.type").value("https://settle.dev/problems/upstream/invalid-request"));
  }
}
