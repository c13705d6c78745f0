package clusterchat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.ChatNode;
import clusterchat.testing.ChatClient;
import clusterchat.testing.TestCluster;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Three clustered nodes in one JVM act as one chat: users on any node chat with users on every node. */
class ChatClusterTest {

  private static TestCluster cluster;
  private final List<ChatClient> clients = new ArrayList<>();

  @BeforeAll
  static void startCluster() throws IOException {
    cluster = TestCluster.start(3, new JsonObject());
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @AfterEach
  void closeClients() throws IOException {
    for (ChatClient client : clients) {
      client.close();
    }
  }

  private ChatClient connect(int node) throws IOException {
    ChatClient client = ChatClient.connect(cluster.node(node).port());
    clients.add(client);
    return client;
  }

  @Test
  @DisplayName("HELLO is the first line a client gets, even while its default room is busy on another node")
  void helloComesFirst() throws Exception {
    ChatClient talker = connect(1).nick("busyTalker");
    CompletableFuture<Void> talking = CompletableFuture.runAsync(() -> {
      for (int i = 0; i < 3000 && !Thread.currentThread().isInterrupted(); i++) {
        talker.send("busy " + i);
        LockSupport.parkNanos(1_000_000);
      }
    });
    try {
      connect(0).awaitLine("MSG lobby busyTalker busy 1");
      for (int i = 0; i < 10; i++) {
        try (ChatClient newcomer = ChatClient.connectRaw(cluster.node(0).port())) {
          String first = newcomer.next();
          assertTrue(first.startsWith("HELLO "), "first line: " + first);
          newcomer.awaitPrefix("MSG lobby busyTalker ");
        }
      }
    } finally {
      talking.cancel(true);
    }
  }

  @Test
  @DisplayName("the three nodes see each other as one cluster")
  void clusterFormed() {
    for (ChatNode node : cluster.nodes()) {
      assertEquals(3, node.clusterSize());
    }
  }

  @Test
  @DisplayName("a room line reaches members on every node; joins and nick changes are seen everywhere")
  void crossNodeBroadcast() throws IOException {
    ChatClient a = connect(0).nick("xa").join("xroom");
    ChatClient b = connect(1).nick("xb").join("xroom");
    ChatClient c = connect(2).nick("xc").join("xroom");
    a.awaitLine("JOIN xroom xc");
    b.awaitLine("JOIN xroom xc");
    a.send("hello everywhere");
    b.awaitLine("MSG xroom xa hello everywhere");
    c.awaitLine("MSG xroom xa hello everywhere");
    c.nick("xc2");
    a.awaitLine("NICK xroom xc xc2");
    b.awaitLine("NICK xroom xc xc2");
  }

  @Test
  @DisplayName("private messages cross nodes; /who and /rooms count members of all nodes")
  void privateMessagesAndListings() throws IOException {
    ChatClient a = connect(0).nick("pa").join("plist");
    ChatClient c = connect(2).nick("pc").join("plist");
    connect(1).nick("pb").join("plist");
    a.send("/msg PC over the wire");
    c.awaitLine("PRIV pa pc over the wire");
    a.awaitLine("PRIV pa pc over the wire");
    c.send("/who plist");
    c.awaitLine("WHO plist 3 pa pb pc");
    a.send("/rooms");
    assertTrue(a.awaitPrefix("ROOMS ").contains(" plist:3"));
  }

  @Test
  @DisplayName("two clients on two nodes claim one nick at the same instant: exactly one wins")
  void nickRaceAcrossNodes() throws Exception {
    for (int round = 0; round < 10; round++) {
      ChatClient first = connect(round % 3);
      ChatClient second = connect((round + 1) % 3);
      String nick = "xrace" + round;
      CompletableFuture<String> one = CompletableFuture.supplyAsync(() -> first.claimNick(nick));
      CompletableFuture<String> two = CompletableFuture.supplyAsync(() -> second.claimNick(nick));
      List<String> outcomes = List.of(one.get(), two.get());
      assertEquals(1, outcomes.stream().filter(("OK nick " + nick)::equals).count(), outcomes.toString());
      assertEquals(1, outcomes.stream().filter(o -> o.startsWith("ERR NICK_IN_USE")).count(), outcomes.toString());
    }
  }

  @Test
  @DisplayName("9 clients over 3 nodes each send 200 numbered lines: all arrive once, in per-sender order")
  void noLossNoDuplicatesPerSenderOrder() throws IOException {
    int senders = 9;
    int perSender = 200;
    List<ChatClient> room = new ArrayList<>();
    for (int i = 0; i < senders; i++) {
      room.add(connect(i % 3).nick("ord" + i).join("ordered"));
    }
    for (int i = 0; i < senders - 1; i++) {
      room.get(i).awaitLine("JOIN ordered ord" + (senders - 1));
    }
    for (int n = 0; n < perSender; n++) {
      for (int i = 0; i < senders; i++) {
        room.get(i).send(String.valueOf(n));
      }
    }
    for (int receiver = 0; receiver < senders; receiver++) {
      int[] next = new int[senders];
      for (int k = 0; k < (senders - 1) * perSender; k++) {
        String[] line = room.get(receiver).awaitPrefix("MSG ordered ").split(" ");
        int sender = Integer.parseInt(line[2].substring(3));
        assertTrue(sender != receiver, "own line echoed to ord" + receiver);
        assertEquals(next[sender], Integer.parseInt(line[3]), "ord" + receiver + " from ord" + sender);
        next[sender]++;
      }
      for (int sender = 0; sender < senders; sender++) {
        assertEquals(sender == receiver ? 0 : perSender, next[sender]);
      }
    }
  }
}
