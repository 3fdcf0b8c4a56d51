package dev.settle.gateway;

import java.util.concurrent.ThreadFactory;

/** Threads for the gateway's bounded waiting pools: named, and never holding the JVM open. */
public final class DaemonThreads {
  private DaemonThreads() {}

  public static ThreadFactory named(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
