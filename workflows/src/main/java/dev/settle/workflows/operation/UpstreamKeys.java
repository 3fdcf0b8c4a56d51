package dev.settle.workflows.operation;

import io.temporal.workflow.Workflow;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The key Settle sends upstream as {@code Idempotency-Key}, and the reference its ledger entries
 * carry. It is unique per run, not per workflow ID: a key the client uses again after the
 * namespace's retention (or after {@code temporal workflow delete}) starts a new run, and that run
 * must be a new upstream effect and a new posting, not a replay of the forgotten one.
 *
 * <p>Form: {@code {clientId}:{runToken}/{idempotencyKey}}, where the run token is derived from the
 * first run ID. Client IDs cannot hold ':' or '/', so the workflow ID is read back unambiguously.
 * Runs started before this change keep the workflow ID itself as their key ({@link #forThisRun}).
 */
public final class UpstreamKeys {
  /** The longest key the upstreams take (upstream-sim's {@code Idempotency-Key} limit). */
  public static final int UPSTREAM_MAX_LENGTH = 255;

  /** The longest client ID the gateway's configuration accepts. */
  public static final int MAX_CLIENT_ID_LENGTH = 64;

  static final int RUN_TOKEN_LENGTH = 12;

  /**
   * The longest idempotency key a client may send: with the longest client ID and the run token it
   * still fits the upstream, so no accepted key can end "upstream-rejected".
   */
  public static final int MAX_IDEMPOTENCY_KEY_LENGTH =
      UPSTREAM_MAX_LENGTH - MAX_CLIENT_ID_LENGTH - RUN_TOKEN_LENGTH - 2;

  private UpstreamKeys() {}

  /** Workflow code only: the upstream key of the running workflow. */
  public static String forThisRun(String clientId, String idempotencyKey) {
    return forRun(RunShape.ofThisRun(), clientId, idempotencyKey);
  }

  /** Workflow code only: the upstream key of a run of this shape. */
  public static String forRun(RunShape shape, String clientId, String idempotencyKey) {
    if (!shape.perRunUpstreamKey()) {
      return OperationIds.workflowId(clientId, idempotencyKey);
    }
    return of(clientId, idempotencyKey, Workflow.getInfo().getFirstExecutionRunId());
  }

  public static String of(String clientId, String idempotencyKey, String firstRunId) {
    return clientId + ":" + runToken(firstRunId) + "/" + idempotencyKey;
  }

  /**
   * The workflow an upstream's report (webhook, statement line) is about; empty for a key Settle
   * cannot have sent. Keys of both forms are read.
   */
  public static Optional<String> workflowIdOf(String upstreamKey) {
    if (upstreamKey == null) {
      return Optional.empty();
    }
    int slash = upstreamKey.indexOf('/');
    if (slash <= 0 || slash == upstreamKey.length() - 1) {
      return Optional.empty();
    }
    String client = upstreamKey.substring(0, slash);
    int colon = client.indexOf(':');
    if (colon == 0) {
      return Optional.empty();
    }
    return Optional.of(
        colon < 0 ? upstreamKey : client.substring(0, colon) + upstreamKey.substring(slash));
  }

  /** A hash, not a prefix, of the run ID: UUIDv7 run IDs of one millisecond share their prefix. */
  private static String runToken(String runId) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (char c : runId.toCharArray()) {
        sha.update((byte) c); // run IDs are ASCII
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, RUN_TOKEN_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
