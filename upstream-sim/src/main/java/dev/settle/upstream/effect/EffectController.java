package dev.settle.upstream.effect;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Lets tests ask the ground truth: how many times did the upstream really act on a key? */
@RestController
class EffectController {

  private final EffectLog effects;

  EffectController(EffectLog effects) {
    this.effects = effects;
  }

  @GetMapping("/admin/effects/{key}")
  EffectCount count(@PathVariable String key) {
    Map<String, Long> kinds = effects.countByKind(key);
    long applied = kinds.values().stream().mapToLong(Long::longValue).sum();
    return new EffectCount(key, applied, kinds);
  }

  /**
   * @param applied all effects for the key; anything above 1 is a duplicate the caller caused
   * @param kinds the same count split by effect kind
   */
  record EffectCount(String key, long applied, Map<String, Long> kinds) {}
}
