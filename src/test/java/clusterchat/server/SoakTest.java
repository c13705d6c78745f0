package clusterchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.ChatNode;
import clusterchat.testing.ChatClient;
import clusterchat.testing.TestNodes;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bounded soak: clients connect and disconnect continuously (quit, close, reset) while stable
 * users chat. Afterwards connections, directory entries, room subscriptions, threads and heap are
 * back at their baseline and no stable user missed a line. -Dsoak.seconds sets the length
 * (default 120; the suite's budget).
 */
class SoakTest {

  private static final int SECONDS = Integer.getInteger("soak.seconds", 120);
  private static final int STABLE = 5;
  private static final int CHURNERS = 6;

  @Test
  @DisplayName("connection churn while users chat: nothing lost, everything back to baseline")
  void churnWhileChatting() throws Exception {
    // Churned connections quit at once: resumable sessions would hold their users for minutes.
    ChatNode node = TestNodes.start(new JsonObject().put("session", new JsonObject().put("resumeSeconds", 0)));
    ExecutorService pool = Executors.newFixedThreadPool(CHURNERS);
    try {
      List<ChatClient> stable = new ArrayList<>();
      for (int i = 0; i < STABLE; i++) {
        stable.add(ChatClient.connect(node.port()).nick("stable" + i).join("soak"));
      }
      for (int i = 0; i < STABLE - 1; i++) {
        stable.get(i).awaitLine("JOIN soak stable" + (STABLE - 1));
      }
      int baselineSubscriptions = node.roomSubscriptionCount().await();
      long baselineThreads = serverThreads();
      long baselineHeap = usedHeapAfterGc();

      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
      AtomicInteger churned = new AtomicInteger();
      List<Future<?>> churners = new ArrayList<>();
      for (int c = 0; c < CHURNERS; c++) {
        long seed = 4_000 + c;
        churners.add(pool.submit(() -> churn(node.port(), new Random(seed), end, churned)));
      }
      int sent = 0;
      while (System.nanoTime() < end) {
        for (ChatClient user : stable) {
          user.send("n " + sent);
        }
        sent++;
        // Paces the stable users (the load, not a synchronisation): about 20 lines/s each.
        Thread.sleep(50);
      }
      for (Future<?> churner : churners) {
        churner.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      for (int receiver = 0; receiver < STABLE; receiver++) {
        int[] next = new int[STABLE];
        for (int k = 0; k < (STABLE - 1) * sent; k++) {
          String[] line = stable.get(receiver).awaitPrefix("MSG soak stable").split(" ");
          int from = line[2].charAt(6) - '0';
          assertEquals(next[from]++, Integer.parseInt(line[4]), "stable" + receiver + " from stable" + from);
        }
      }
      System.out.printf("soak: %d s, %d churned connections, %d lines per stable user%n", SECONDS, churned.get(), sent);
      assertTrue(churned.get() > SECONDS, "churn too slow: " + churned.get());

      awaitEquals(STABLE, node::connectionCount, "connections");
      awaitEquals(STABLE, () -> node.registeredUserCount().await(), "directory entries");
      awaitEquals(baselineSubscriptions, () -> node.roomSubscriptionCount().await(), "room subscriptions");
      assertTrue(serverThreads() <= baselineThreads, "Vert.x threads " + baselineThreads + " -> " + serverThreads());
      long heap = usedHeapAfterGc();
      assertTrue(heap < baselineHeap + 32 * 1024 * 1024, "heap " + baselineHeap + " -> " + heap);
      for (ChatClient user : stable) {
        user.close();
      }
    } finally {
      pool.shutdownNow();
      node.stop().await();
    }
  }

  /** Connects, talks, joins rooms and leaves in one of three ways, until the end. */
  private static Void churn(int port, Random random, long end, AtomicInteger churned)
      throws IOException, InterruptedException {
    while (System.nanoTime() < end) {
      ChatClient client = ChatClient.connect(port);
      client.join("soak");
      client.join("side" + random.nextInt(5));
      client.send("passing through");
      switch (random.nextInt(3)) {
        case 0 -> {
          client.send("/quit bye");
          client.awaitClosed();
        }
        case 1 -> client.close();
        default -> client.reset();
      }
      churned.incrementAndGet();
      // Paces the churn (load, not synchronisation) so a long soak does not run loopback out of ports.
      Thread.sleep(10);
    }
    return null;
  }

  private static void awaitEquals(int expected, Supplier<Integer> actual, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    int now = actual.get();
    while (now != expected && System.nanoTime() < deadline) {
      Thread.sleep(50); // polling a count between checks, bounded by the deadline
      now = actual.get();
    }
    assertEquals(expected, now, what);
  }

  /** Threads of the server side (Vert.x, Netty); the test's own client threads are not counted. */
  private static long serverThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("vert.x-") || thread.getName().contains("netty"))
        .count();
  }

  private static long usedHeapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
