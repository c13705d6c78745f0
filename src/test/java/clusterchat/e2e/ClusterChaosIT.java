package clusterchat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.testing.ChatClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Chaos at process level: node 3 of a real 3-node cluster is killed with SIGKILL and restarted
 * again and again while users on nodes 1 and 2 chat. They must lose nothing from each other, and
 * afterwards the directory must list exactly the connected users: no ghosts, no duplicates.
 */
class ClusterChaosIT {

  private static final int CYCLES = Integer.getInteger("chaos.cycles", 3);

  @Test
  @DisplayName("repeated kill -9 and restart of a node under chat load: survivors lose nothing, no ghosts")
  void killAndRestartUnderLoad() throws Exception {
    // The steady users talk at 50 lines/s; the nodes take their rate limit from the environment.
    // Without sessions a dead node's users quit at once: this test is about the cleanup (resume is
    // NodeDeathResumeClusterTest's and ClusterProcessIT's).
    Map<String, String> env = PortRanges.clusterEnv("chaos", Map.of("CHAT_LIMITS_RATE_LINES_PER_SECOND", "200",
        "CHAT_LIMITS_RATE_BURST", "200", "CHAT_SESSION_RESUME_SECONDS", "0"));
    int chatBase = Integer.parseInt(env.get("CLUSTER_CHAT_BASE_PORT"));
    List<ChatClient> stable = new ArrayList<>();
    ExecutorService talker = Executors.newSingleThreadExecutor();
    try {
      PortRanges.run(List.of("scripts/cluster.sh", "start", "3"), env, Duration.ofSeconds(180));
      for (int i = 0; i < 4; i++) {
        stable.add(ChatClient.connect(chatBase + 1 + i % 2).nick("steady" + i).join("chaos"));
      }
      stable.get(0).awaitLine("JOIN chaos steady3");
      List<ChatClient> talkers = List.copyOf(stable);
      // Observers watch for joins and quits, so the talkers' lines are only ever read by the final check.
      List<ChatClient> observers = List.of(ChatClient.connect(chatBase + 1).nick("observer1").join("chaos"),
          ChatClient.connect(chatBase + 2).nick("observer2").join("chaos"));
      stable.addAll(observers);
      AtomicBoolean talking = new AtomicBoolean(true);
      Future<Integer> lines = talker.submit(() -> {
        int n = 0;
        while (talking.get()) {
          for (ChatClient user : talkers) {
            user.send("n " + n);
          }
          n++;
          Thread.sleep(20); // paces the load; not a synchronisation
        }
        return n;
      });

      for (int cycle = 0; cycle < CYCLES; cycle++) {
        try (ChatClient doomedA = ChatClient.connect(chatBase + 3).nick("doomed" + cycle + "a").join("chaos");
             ChatClient doomedB = ChatClient.connect(chatBase + 3).nick("doomed" + cycle + "b").join("chaos")) {
          observers.get(0).awaitLine("JOIN chaos doomed" + cycle + "b");
          long pid = Long.parseLong(Files.readString(Path.of("target/cluster/node3.pid")).strip());
          assertTrue(ProcessHandle.of(pid).orElseThrow().destroyForcibly());
          for (ChatClient watcher : observers) {
            // The two users are removed independently, so their quits may come in either order.
            watcher.awaitAll(List.of("QUIT chaos doomed" + cycle + "a node lost", "QUIT chaos doomed" + cycle + "b node lost"));
          }
        }
        PortRanges.run(List.of("scripts/cluster.sh", "restart", "3"), env, Duration.ofSeconds(180));
      }
      ChatClient survivor3 = ChatClient.connect(chatBase + 3).nick("after").join("chaos");
      stable.add(survivor3);

      talking.set(false);
      int sent = lines.get(60, TimeUnit.SECONDS);
      for (int receiver = 0; receiver < 4; receiver++) {
        int[] next = new int[4];
        for (int k = 0; k < 3 * sent; k++) {
          String[] line = stable.get(receiver).awaitPrefix("MSG chaos steady").split(" ");
          int from = line[2].charAt(6) - '0';
          assertEquals(next[from]++, Integer.parseInt(line[4]), "steady" + receiver + " from steady" + from);
        }
      }
      System.out.printf("chaos: %d kill/restart cycles, %d lines per steady user, none lost%n", CYCLES, sent);

      survivor3.send("/who chaos");
      survivor3.awaitLine("WHO chaos 7 after observer1 observer2 steady0 steady1 steady2 steady3");
      survivor3.send("/rooms");
      assertEquals("ROOMS 2 chaos:7 lobby:7", survivor3.awaitPrefix("ROOMS "));
    } finally {
      talker.shutdownNow();
      for (ChatClient client : stable) {
        client.close();
      }
      PortRanges.run(List.of("scripts/cluster.sh", "stop"), env, Duration.ofSeconds(60));
    }
  }
}
