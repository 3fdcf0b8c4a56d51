package dev.settle.upstream.problem;

/** Thrown by any feature to answer with an RFC 9457 problem of a known type. */
public class UpstreamProblemException extends RuntimeException {

  private final ProblemType type;

  public UpstreamProblemException(ProblemType type, String detail) {
    super(detail);
    this.type = type;
  }

  public ProblemType type() {
    return type;
  }
}
