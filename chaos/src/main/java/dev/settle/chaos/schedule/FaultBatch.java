package dev.settle.chaos.schedule;

import java.util.List;

/** Fault rules installed when the run reaches operation {@code atOperation}. */
public record FaultBatch(int atOperation, List<FaultPlan> rules) {}
