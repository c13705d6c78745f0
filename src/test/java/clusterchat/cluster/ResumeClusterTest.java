package clusterchat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.ChatNode;
import clusterchat.testing.ChatClient;
import clusterchat.testing.TestCluster;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** /resume on another node after a lost connection, on two clustered nodes. */
class ResumeClusterTest {

  private TestCluster cluster;
  private final List<ChatClient> clients = new ArrayList<>();

  @BeforeEach
  void startCluster() throws IOException {
    cluster = TestCluster.start(2, new JsonObject()
        .put("session", new JsonObject().put("resumeSeconds", 30))
        .put("history", new JsonObject().put("maxPerRoom", 20)));
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

  /** The token of the SESSION line that follows HELLO. */
  private static String token(ChatClient client) {
    String[] session = client.awaitPrefix("SESSION ").split(" ");
    assertEquals("30", session[2]);
    return session[1];
  }

  /** Resets the client's connection and waits until its node has seen it go (the session is detached then). */
  private static void lose(ChatClient client, ChatNode node) throws IOException {
    int before = node.connectionCount();
    client.reset();
    long deadline = System.nanoTime() + ChatClient.TIMEOUT.toNanos();
    while (node.connectionCount() >= before && System.nanoTime() < deadline) {
      LockSupport.parkNanos(10_000_000);
    }
    assertTrue(node.connectionCount() < before, "the node saw the connection go");
  }

  @Test
  @DisplayName("a lost connection resumes on the other node: same nick and rooms, every missed line once and in order, and nobody saw it leave")
  void resumeOnAnotherNode() throws IOException {
    ChatClient alice = connect(cluster.node(0));
    String token = token(alice);
    alice.nick("alice").join("resumed").join("second");
    ChatClient bob = connect(cluster.node(1)).nick("bob").join("resumed").join("second");
    ChatClient watcher = connect(cluster.node(1)).nick("watcher").join("resumed");
    alice.awaitLine("JOIN resumed watcher");
    alice.send("/mode +v bob");
    alice.awaitLine("OK mode +v bob");
    lose(alice, cluster.node(0));
    ChatClient other = connect(cluster.node(1));
    assertEquals("ERR NICK_IN_USE alice is already taken", other.claimNick("alice"), "the nick is held meanwhile");
    bob.send("/join resumed");
    bob.awaitLine("OK join resumed");
    for (int i = 0; i < 5; i++) {
      bob.send("missed " + i);
    }
    bob.send("/msg alice are you there");
    bob.awaitLine("PRIV bob alice are you there");

    ChatClient back = connect(cluster.node(1));
    back.send("/resume " + token);
    back.awaitLine("OK resume alice lobby resumed second");
    List<String> missed = IntStream.range(0, 5).mapToObj(i -> "MSG resumed bob missed " + i).toList();
    assertEquals(missed, IntStream.range(0, 5).mapToObj(i -> back.awaitPrefix("MSG ")).toList());
    bob.send("/join second");
    bob.send("live again");
    assertEquals("MSG second bob live again", back.awaitPrefix("MSG "), "no line twice, live ones after");

    bob.send("/who second");
    bob.awaitLine("WHO second 2 alice bob");
    back.send("/mode");
    back.awaitLine("MODE second - +nt");
    back.send("/mode -v bob");
    back.awaitLine("OK mode -v bob");
    bob.send("/msg alice welcome back");
    back.awaitLine("PRIV bob alice welcome back");
    bob.send("/join resumed");
    bob.send("that is all");
    List<String> seenByWatcher = watcher.linesThrough("MSG resumed bob that is all");
    assertTrue(seenByWatcher.stream().noneMatch(line -> line.contains(" alice")), seenByWatcher.toString());
    back.send("/resume " + token);
    assertTrue(back.awaitPrefix("ERR NO_SESSION ").length() > 0, "a session resumes once");
    ChatClient open = connect(cluster.node(0));
    back.send("/resume " + token(open));
    assertTrue(back.awaitPrefix("ERR SESSION_ACTIVE ").length() > 0, "an open connection's session is not taken");
  }

  @Test
  @DisplayName("when the room log no longer reaches back, /resume says so with NOTICE HISTORY_GAP before the lines it has")
  void resumeAfterTheLogMovedOn() throws IOException {
    ChatClient carol = connect(cluster.node(0));
    String token = token(carol);
    carol.nick("carol").join("busy");
    ChatClient dave = connect(cluster.node(1)).nick("dave").join("busy");
    carol.awaitLine("JOIN busy dave");
    lose(carol, cluster.node(0));
    for (int i = 0; i < 30; i++) {
      dave.send("flood " + i);
    }
    dave.send("/history busy 1");
    dave.awaitLine("OK history busy 1");

    ChatClient back = connect(cluster.node(1));
    back.send("/resume " + token);
    back.awaitLine("OK resume carol lobby busy");
    back.awaitLine("NOTICE HISTORY_GAP busy: the room's history does not reach back to the last line you got;"
        + " lines are missing before those that follow");
    String first = back.awaitPrefix("MSG ");
    assertTrue(first.startsWith("MSG busy dave flood "), first);
  }

  @Test
  @DisplayName("a session nobody resumes ends after session.resumeSeconds: the rooms see the quit and the nick is free")
  void unresumedSessionEnds() throws IOException {
    cluster.close();
    cluster = TestCluster.start(2, new JsonObject().put("session", new JsonObject().put("resumeSeconds", 1)));
    ChatClient erin = connect(cluster.node(0));
    String token = erin.awaitPrefix("SESSION ").split(" ")[1];
    erin.nick("erin").join("ending");
    ChatClient frank = connect(cluster.node(1)).nick("frank").join("ending");
    erin.awaitLine("JOIN ending frank");
    erin.reset();
    frank.await(line -> line.equals("QUIT ending erin connection lost"), Duration.ofSeconds(10));
    ChatClient late = connect(cluster.node(1));
    late.send("/resume " + token);
    late.awaitPrefix("ERR NO_SESSION ");
    late.nick("erin");
  }
}
