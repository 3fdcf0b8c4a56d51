package dev.settle.workflows.operation;

/** What every operation's state answers, whatever its type: enough for the gateway's contract. */
public interface OperationSnapshot {
  String operationId();

  String idempotencyKey();

  OperationStatus status();

  String fingerprint();

  /** The id of the HTTP request that started the operation. */
  String startedByRequest();
}
