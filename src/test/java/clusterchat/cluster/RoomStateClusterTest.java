package clusterchat.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.testing.ChatClient;
import clusterchat.testing.TestCluster;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Topic, operators, modes and kicks are room state the whole cluster shares, reached from the plain protocol. */
class RoomStateClusterTest {

  private static TestCluster cluster;
  private final List<ChatClient> clients = new ArrayList<>();

  @BeforeAll
  static void startCluster() throws IOException {
    cluster = TestCluster.start(2, new JsonObject().put("rooms", new JsonObject().put("default", "")));
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

  private ChatClient connect(int node, String nick) throws IOException {
    ChatClient client = ChatClient.connect(cluster.node(node).port()).nick(nick);
    clients.add(client);
    return client;
  }

  @Test
  @DisplayName("the room's first member is its operator: topic, +o and kick work across nodes, others are refused")
  void operatorsTopicAndKick() throws IOException {
    ChatClient alice = connect(0, "opAlice").join("ops");
    ChatClient bob = connect(1, "opBob").join("ops");
    ChatClient carol = connect(1, "opCarol").join("ops");
    alice.awaitLine("JOIN ops opCarol");

    bob.send("/topic mine now");
    bob.awaitLine("ERR NOT_OPERATOR only operators of ops may do that");
    alice.send("/topic release friday").awaitLine("OK topic ops");
    bob.awaitLine("TOPIC ops opAlice release friday");
    ChatClient late = connect(1, "opLate");
    late.send("/join ops").awaitLine("OK join ops");
    late.awaitLine("TOPIC ops opAlice release friday");

    alice.send("/mode +o opBob").awaitLine("OK mode +o opBob");
    carol.awaitLine("MODE ops opAlice +o opBob");
    bob.send("/topic mine now").awaitLine("OK topic ops");
    alice.awaitLine("TOPIC ops opBob mine now");

    carol.send("/kick opAlice");
    carol.awaitLine("ERR NOT_OPERATOR only operators of ops may do that");
    bob.send("/kick opCarol too loud").awaitLine("OK kick opCarol");
    alice.awaitLine("KICK ops opBob opCarol too loud");
    carol.awaitLine("KICK ops opBob opCarol too loud");
    carol.send("/who ops").awaitLine("WHO ops 3 opAlice opBob opLate");
    carol.send("still there?");
    carol.awaitLine("ERR NO_ROOM you are in no room; /join ROOM first");
  }

  @Test
  @DisplayName("a key (+k) keeps out joiners without it on every node; a secret room (+s) is not listed")
  void keyAndSecret() throws IOException {
    ChatClient owner = connect(0, "keyOwner").join("vault");
    owner.send("/mode +ks sesame").awaitLine("OK mode +ks sesame");
    ChatClient guest = connect(1, "keyGuest");
    guest.send("/join vault");
    guest.awaitLine("ERR BAD_KEY vault needs the right key to join");
    guest.send("/join vault wrong");
    guest.awaitLine("ERR BAD_KEY vault needs the right key to join");
    guest.send("/rooms");
    String listed = guest.awaitPrefix("ROOMS ");
    assertFalse(listed.contains("vault"), listed);
    guest.send("/join vault sesame").awaitLine("OK join vault");
    owner.awaitLine("JOIN vault keyGuest");
    owner.send("/mode").awaitLine("MODE vault - +knst");
    owner.send("/mode -s").awaitLine("OK mode -s");
    guest.awaitLine("MODE vault keyOwner -s");
    guest.send("/rooms");
    assertTrue(guest.awaitPrefix("ROOMS ").contains(" vault:2"));
  }
}
