package dev.settle.bench.stack;

/**
 * The peak resident set (VmHWM) of one of the stack's JVMs, and whether it was still alive when
 * read: a JVM that died under load (e.g. out of memory with -Xmx256m) shows as not alive.
 */
public record MemoryPeak(String process, long pid, long peakRssKib, boolean alive) {
  public double peakRssMib() {
    return peakRssKib / 1024.0;
  }
}
