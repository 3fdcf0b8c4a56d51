package dev.settle.upstream.webhook;

import dev.settle.upstream.problem.ProblemType;
import dev.settle.upstream.problem.UpstreamProblemException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tests switch webhooks off or delay them, and see what was delivered. */
@RestController
@RequestMapping("/admin/webhooks")
class WebhookAdminController {

  private final WebhookSender sender;

  WebhookAdminController(WebhookSender sender) {
    this.sender = sender;
  }

  /** {@code {"enabled":true|false,"delayMs":n}}; either may be left out. */
  record Switch(Boolean enabled, Long delayMs) {}

  @GetMapping
  Map<String, Object> show() {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("settings", sender.settings());
    view.put("deliveries", sender.deliveries());
    return view;
  }

  @PostMapping
  WebhookSender.Settings change(@RequestBody Switch change) {
    try {
      return sender.switchTo(change.enabled(), change.delayMs());
    } catch (IllegalArgumentException invalid) {
      throw new UpstreamProblemException(ProblemType.INVALID_REQUEST, invalid.getMessage());
    }
  }
}
