package dev.settle.workflows.order;

import dev.settle.workflows.operation.LookupAnswer;
import dev.settle.workflows.operation.LookupOutcome;

/** What an upstream's status endpoint said about an order step's key. */
public record StepLookup(LookupOutcome outcome, String reference, String detail)
    implements LookupAnswer {}
