package dev.settle.workflows.payment;

/** Asks the upstream what it knows under this idempotency key. */
public record LookupInput(String idempotencyKey) {}
