package dev.settle.chaos.run;

/**
 * A process fault as it really happened.
 *
 * @param downMillis from the stop (or kill) command's return to the start command's return, i.e.
 *     how long the part was not serving
 * @param ok whether both commands succeeded; {@code error} says what failed otherwise
 */
public record ProcessFaultRecord(
    String kind,
    int atOperation,
    long startedAtMillis,
    long downMillis,
    boolean ok,
    String error) {}
