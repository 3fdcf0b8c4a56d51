package dev.settle.upstream.problem;

/**
 * Signals that the connection was deliberately dropped and nothing may be written any more; the
 * advice swallows it so Spring does not try to render an error on a dead connection.
 */
public class ResponseDroppedException extends RuntimeException {

  public ResponseDroppedException(String message) {
    super(message, null, false, false);
  }
}
