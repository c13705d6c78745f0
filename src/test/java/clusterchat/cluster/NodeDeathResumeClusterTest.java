package clusterchat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.testing.ChatClient;
import clusterchat.testing.SeqReader;
import clusterchat.testing.TestCluster;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Users of a node that dies resume on the surviving nodes; three clustered nodes in this JVM. */
class NodeDeathResumeClusterTest {

  private static final int LINES = 300;
  private static final Duration READ = Duration.ofSeconds(30);

  private static JsonObject settings(int resumeSeconds) {
    return new JsonObject()
        .put("session", new JsonObject().put("resumeSeconds", resumeSeconds))
        .put("cluster", new JsonObject().put("failureTimeoutSeconds", 2))
        .put("limits", new JsonObject().put("rateBurst", 1000).put("rateLinesPerSecond", 1000));
  }

  @Test
  @DisplayName("a node dies while others keep sending: its users resume on other nodes with their positions and get every line once, in order, and nobody saw them quit")
  void resumeAfterNodeDeath() throws Exception {
    try (TestCluster cluster = TestCluster.start(3, settings(60));
         ChatClient anna = ChatClient.connect(cluster.node(0).port()).nick("anna").join("alpha");
         ChatClient bert = ChatClient.connect(cluster.node(1).port()).nick("bert").join("beta");
         SeqReader carl = SeqReader.connect(cluster.node(2).port());
         SeqReader dora = SeqReader.connect(cluster.node(2).port());
         SeqReader emil = SeqReader.connect(cluster.node(2).port())) {
      carl.nick("carl").join("alpha").join("beta");
      dora.nick("dora").join("alpha").join("beta");
      emil.nick("emil").join("alpha").join("beta");
      anna.awaitAll(List.of("JOIN alpha carl", "JOIN alpha dora", "JOIN alpha emil"));
      bert.awaitAll(List.of("JOIN beta carl", "JOIN beta dora", "JOIN beta emil"));

      Thread annaSends = sender(anna);
      Thread bertSends = sender(bert);
      carl.readUntilSaid("alpha", "anna", "line 40", READ);
      carl.readUntilSaid("beta", "bert", "line 40", READ);
      dora.readUntilSaid("alpha", "anna", "line 40", READ);

      cluster.crash(2);
      assertEquals("OK resume carl lobby alpha beta", carl.resumeOn(cluster.node(0).port(), READ));
      assertEquals("OK resume dora lobby alpha beta", dora.resumeOn(cluster.node(1).port(), READ));
      emil.client().close();
      SeqReader emilBack = SeqReader.connect(cluster.node(0).port());
      emilBack.client().send("/resume " + emil.token());
      emilBack.readUntil(line -> line.equals("OK resume emil lobby alpha beta"), READ);
      emilBack.readUntil(line -> line.startsWith("NOTICE HISTORY_GAP alpha: the node that served you is gone,"), READ);

      annaSends.join();
      bertSends.join();
      for (SeqReader reader : List.of(carl, dora)) {
        reader.readUntilSaid("alpha", "anna", "line " + (LINES - 1), READ);
        reader.readUntilSaid("beta", "bert", "line " + (LINES - 1), READ);
        reader.assertAllOnceInOrder("alpha", List.of("anna"), "line", LINES);
        reader.assertAllOnceInOrder("beta", List.of("bert"), "line", LINES);
      }

      anna.send("/who alpha");
      List<String> seen = anna.linesThrough("WHO alpha 4 anna carl dora emil");
      assertTrue(seen.stream().noneMatch(line -> line.startsWith("QUIT ")), "nobody saw a quit: " + seen);
      emilBack.close();
    }
  }

  @Test
  @DisplayName("a dead node's user who does not resume quits once session.resumeSeconds are up, and the nick is free again")
  void unresumedSessionOfADeadNodeEnds() throws Exception {
    try (TestCluster cluster = TestCluster.start(2, settings(2));
         ChatClient gina = ChatClient.connect(cluster.node(0).port()).nick("gina").join("waiting");
         ChatClient hans = ChatClient.connect(cluster.node(1).port()).nick("hans").join("waiting")) {
      gina.awaitLine("JOIN waiting hans");
      long crashed = System.nanoTime();
      cluster.crash(1);
      gina.awaitLine("QUIT waiting hans node lost");
      long heldMillis = Duration.ofNanos(System.nanoTime() - crashed).toMillis();
      assertTrue(heldMillis >= 2000, "the nick and seat were held for the session: only " + heldMillis + " ms");
      try (ChatClient other = ChatClient.connect(cluster.node(0).port())) {
        other.nick("hans");
      }
    }
  }

  /** Sends LINES numbered lines to the sender's current room, paced like a chatty user. */
  private static Thread sender(ChatClient client) {
    Thread thread = new Thread(() -> {
      for (int i = 0; i < LINES; i++) {
        client.send("line " + i);
        LockSupport.parkNanos(Duration.ofMillis(5).toNanos()); // pacing the load, not synchronisation
      }
    });
    thread.start();
    return thread;
  }
}
