package dev.settle.stackkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Free ports on the loopback interface for the servers a test or a run starts. */
public final class LoopbackPorts {
  private static final int LOWEST = 20_000;
  private static final int HIGHEST_EXCLUSIVE = 32_000;

  private LoopbackPorts() {}

  /**
   * A port that is free now, below Linux's ephemeral range (32768+): client sockets and servers
   * binding "any port" (the dev server's internal services) draw from that range, so none of them
   * can take this port between now and its use. Random, so that stacks started side by side by
   * different JVMs rarely try the same one.
   */
  public static int free() {
    for (int tries = 0; tries < 200; tries++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST_EXCLUSIVE);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("no free port in " + LOWEST + "-" + HIGHEST_EXCLUSIVE);
  }
}
