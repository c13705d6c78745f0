package clusterchat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.ChatNode;
import clusterchat.testing.ChatClient;
import clusterchat.testing.TestCluster;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Nodes leaving, crashing and joining a running cluster; each test gets a fresh 3-node cluster. */
class NodeFailureClusterTest {

  private TestCluster cluster;
  private final List<ChatClient> clients = new ArrayList<>();

  @BeforeEach
  void startCluster() throws IOException {
    // Without sessions a dead node's users quit at once (NodeDeathResumeClusterTest covers held sessions).
    cluster = TestCluster.start(3, new JsonObject().put("session", new JsonObject().put("resumeSeconds", 0)));
  }

  @AfterEach
  void stopCluster() throws IOException {
    for (ChatClient client : clients) {
      client.close();
    }
    cluster.close();
  }

  private ChatClient connect(ChatNode node) throws IOException {
    ChatClient client = ChatClient.connect(node.port());
    clients.add(client);
    return client;
  }

  @Test
  @DisplayName("a node stopped gracefully says goodbye, its users quit everywhere and their nicks are free at once")
  void gracefulStop() throws IOException {
    ChatClient survivor = connect(cluster.node(0)).nick("stayer").join("stop");
    ChatClient leaver = connect(cluster.node(2)).nick("leaver").join("stop");
    survivor.awaitLine("JOIN stop leaver");
    cluster.node(2).stop().await();
    List<String> last = leaver.awaitClosed();
    assertEquals("BYE SHUTDOWN the server is shutting down", last.get(last.size() - 1));
    survivor.awaitLine("QUIT stop leaver server shutting down");
    connect(cluster.node(1)).nick("leaver");
  }

  @Test
  @DisplayName("two of three nodes crash at once: the survivor's users stay in /who and keep their nicks")
  void twoCrashesAtOnce() throws Exception {
    List<String> keepers = new ArrayList<>(List.of("watcher"));
    ChatClient watcher = connect(cluster.node(0)).nick("watcher").join("keep");
    for (int i = 0; i < 20; i++) {
      connect(cluster.node(0)).nick("keeper" + i).join("keep");
      keepers.add("keeper" + i);
    }
    connect(cluster.node(1)).nick("goner1").join("keep");
    connect(cluster.node(2)).nick("goner2").join("keep");
    watcher.awaitAll(List.of("JOIN keep goner1", "JOIN keep goner2"));
    // Both crash within a moment: with one backup, entries whose two copies were on them are gone.
    cluster.crash(List.of(1, 2));
    // QUIT lines for the goners are not awaited: the room's member list may have been lost with them.
    keepers.sort(String.CASE_INSENSITIVE_ORDER);
    // The room's entry may have been lost with both crashed nodes until the survivor's repair seats its users again.
    watcher.awaitAnswer("/who keep", "WHO ", "WHO keep 21 " + String.join(" ", keepers), Duration.ofSeconds(30));
    ChatClient latecomer = connect(cluster.node(0));
    for (String keeper : keepers) {
      assertEquals("ERR NICK_IN_USE " + keeper + " is already taken", latecomer.claimNick(keeper));
    }
    assertEquals(21, cluster.node(0).registeredUserCount().await() - 1);
  }

  @Test
  @DisplayName("a crashed node's users are announced as lost, their nicks freed, and the rest keep chatting")
  void crashCleanup() throws IOException {
    ChatClient a = connect(cluster.node(0)).nick("crashA").join("crashroom");
    ChatClient b = connect(cluster.node(1)).nick("crashB").join("crashroom");
    connect(cluster.node(2)).nick("crashC").join("crashroom");
    a.awaitLine("JOIN crashroom crashC");
    b.awaitLine("JOIN crashroom crashC");
    long crashed = System.nanoTime();
    cluster.crash(2);
    a.awaitLine("QUIT crashroom crashC node lost");
    b.awaitLine("QUIT crashroom crashC node lost");
    long detectedMillis = (System.nanoTime() - crashed) / 1_000_000;
    System.out.println("crash to quit notice: " + detectedMillis + " ms");
    connect(cluster.node(1)).nick("crashC");
    a.send("still here");
    List<String> between = new ArrayList<>();
    b.await(line -> line.equals("MSG crashroom crashA still here") || !between.add(line));
    // Survivors race to remove each lost user; only the one whose removal succeeds announces it.
    assertFalse(between.contains("QUIT crashroom crashC node lost"), between.toString());
    b.send("/who crashroom");
    b.awaitLine("WHO crashroom 2 crashA crashB");
  }

  @Test
  @DisplayName("a node joining a running cluster serves the full state at once")
  void lateJoinerSeesState() throws IOException {
    connect(cluster.node(0)).nick("early0").join("statefull");
    connect(cluster.node(1)).nick("early1").join("statefull");
    ChatNode late = cluster.addNode();
    assertEquals(4, late.clusterSize());
    ChatClient newcomer = connect(late);
    newcomer.send("/who statefull");
    newcomer.awaitLine("WHO statefull 2 early0 early1");
    newcomer.send("/rooms");
    assertTrue(newcomer.awaitPrefix("ROOMS ").contains(" statefull:2"));
    newcomer.join("statefull");
    ChatClient early = clients.get(0);
    early.awaitLine("JOIN statefull " + newcomer.nick());
    newcomer.send("hi from the new node");
    early.awaitLine("MSG statefull " + newcomer.nick() + " hi from the new node");
  }
}
