package dev.settle.workflows.operation;

import java.util.List;
import java.util.Map;

/**
 * What a run of an operation hands to the next when it continues as new: everything the state query
 * shows, so that callers see one operation whatever run answers.
 */
public record CarriedState(
    OperationStatus status,
    String failureCode,
    String failureDetail,
    long createdAt,
    Long unknownSince,
    List<Attempt> attempts,
    Map<Attempt.Step, Integer> earlierAttempts,
    Resolution lastResolution) {}
