package clusterchat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import clusterchat.testing.ProcessRunner;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Helpers for process tests that run scripts/cluster.sh on free port ranges. */
final class PortRanges {

  private PortRanges() {
  }

  /** Environment for scripts/cluster.sh: free port ranges, a unique cluster name, plus extra settings. */
  static Map<String, String> clusterEnv(String name, Map<String, String> extra) throws IOException {
    Map<String, String> env = new HashMap<>(extra);
    env.put("CLUSTER_CHAT_BASE_PORT", String.valueOf(freeBase()));
    env.put("CLUSTER_IRC_BASE_PORT", String.valueOf(freeBase()));
    env.put("CLUSTER_HTTP_BASE_PORT", String.valueOf(freeBase()));
    env.put("CLUSTER_HAZELCAST_BASE_PORT", String.valueOf(freeBase()));
    env.put("CLUSTER_EVENTBUS_BASE_PORT", String.valueOf(freeBase()));
    env.put("CLUSTER_ADMIN_BASE_PORT", String.valueOf(freeBase()));
    env.put("CLUSTER_NAME", name + "-" + ProcessHandle.current().pid());
    return Map.copyOf(env);
  }

  /** A base port whose next three ports are free right now. */
  static int freeBase() throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(ProcessRunner.FIXED_PORTS_FROM, ProcessRunner.FIXED_PORTS_TO);
      if (free(base + 1) && free(base + 2) && free(base + 3)) {
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
