package dev.settle.chaos.check;

import java.util.ArrayList;
import java.util.List;

/** The violations found so far, in the order the invariants were checked. */
final class Violations {
  private final List<Violation> found = new ArrayList<>();

  void add(String key, String invariant, String detail) {
    found.add(new Violation(key, invariant, detail));
  }

  List<Violation> list() {
    return List.copyOf(found);
  }
}
