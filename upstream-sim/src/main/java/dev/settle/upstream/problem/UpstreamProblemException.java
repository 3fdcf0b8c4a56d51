package dev.settle.upstream.problem;

import java.util.Map;

/** Thrown by any feature to answer with an RFC 9457 problem of a known type. */
public class UpstreamProblemException extends RuntimeException {

  private final ProblemType type;
  private final Map<String, Object> properties;

  public UpstreamProblemException(ProblemType type, String detail) {
    this(type, detail, Map.of());
  }

  /** With extension members, e.g. which items were short, added to the problem's JSON. */
  public UpstreamProblemException(ProblemType type, String detail, Map<String, Object> properties) {
    super(detail);
    this.type = type;
    this.properties = Map.copyOf(properties);
  }

  public ProblemType type() {
    return type;
  }

  public Map<String, Object> properties() {
    return properties;
  }
}
