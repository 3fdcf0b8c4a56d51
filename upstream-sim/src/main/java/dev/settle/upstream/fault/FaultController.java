package dev.settle.upstream.fault;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admin API that tests and demos use to make the upstream misbehave on purpose. */
@RestController
@RequestMapping("/admin/faults")
class FaultController {

  private final FaultRules rules;

  FaultController(FaultRules rules) {
    this.rules = rules;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  FaultRule add(@RequestBody FaultRequest request) {
    return request.addTo(rules);
  }

  @GetMapping
  List<FaultRule> list() {
    return rules.active();
  }

  @DeleteMapping
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void clear() {
    rules.clear();
  }
}
