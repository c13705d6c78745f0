package clusterchat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import clusterchat.testing.ProcessRunner;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/** Helpers for process tests that run scripts/cluster.sh on free port ranges. */
final class PortRanges {

  private PortRanges() {
  }

  /** The base port variables of scripts/cluster.sh; node k of a listener uses its base + k. */
  private static final List<String> BASES = List.of("CLUSTER_CHAT_BASE_PORT", "CLUSTER_IRC_BASE_PORT",
      "CLUSTER_HTTP_BASE_PORT", "CLUSTER_ADMIN_BASE_PORT", "CLUSTER_HAZELCAST_BASE_PORT", "CLUSTER_EVENTBUS_BASE_PORT");
  /** Nodes a range leaves room for (tests start at most 3). */
  private static final int NODES = 3;

  /**
   * Environment for scripts/cluster.sh: free port ranges that do not overlap each other (else node
   * 2's admin port could be node 1's web chat port), a unique cluster name, plus extra settings.
   */
  static Map<String, String> clusterEnv(String name, Map<String, String> extra) throws IOException {
    Map<String, String> env = new HashMap<>(extra);
    List<Integer> taken = new ArrayList<>();
    for (String base : BASES) {
      int free = freeBase(taken);
      taken.add(free);
      env.put(base, String.valueOf(free));
    }
    env.put("CLUSTER_NAME", name + "-" + ProcessHandle.current().pid());
    return Map.copyOf(env);
  }

  /** A base port whose next NODES ports are free right now and in no range of taken. */
  private static int freeBase(List<Integer> taken) throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      // Below the kernel's ephemeral ports (ProcessRunner.FIXED_PORTS_*): no outgoing connection
      // or listener on port 0 can take one of these between this check and the node's bind.
      int base = ThreadLocalRandom.current().nextInt(ProcessRunner.FIXED_PORTS_FROM, ProcessRunner.FIXED_PORTS_TO);
      boolean apart = taken.stream().allMatch(other -> Math.abs(base - other) > NODES);
      if (apart && IntStream.rangeClosed(base + 1, base + NODES).allMatch(PortRanges::free)) {
        return base;
      }
    }
    throw new IOException("no free port range found");
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Runs a command to completion, asserting exit 0; returns its output. */
  static List<String> run(List<String> command, Map<String, String> env, Duration timeout) throws IOException {
    try (ProcessRunner process = ProcessRunner.start(command, env)) {
      assertEquals(0, process.awaitExit(timeout), process.output().toString());
      return process.output();
    }
  }
}
