package clusterchat.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import clusterchat.testing.ChatClient;
import clusterchat.testing.IrcTestClient;
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

/**
 * Two clustered nodes in one JVM: IRC clients on one node and plain clients on the other share
 * rooms, nicks, private messages, topics, kicks and presence.
 */
class IrcClusterTest {

  private static TestCluster cluster;
  private final List<AutoCloseable> clients = new ArrayList<>();

  @BeforeAll
  static void startCluster() throws IOException {
    cluster = TestCluster.start(2, new JsonObject().put("rooms", new JsonObject().put("default", ""))
        .put("irc", new JsonObject().put("serverName", "irc.test")));
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @AfterEach
  void closeClients() throws Exception {
    for (AutoCloseable client : clients) {
      client.close();
    }
  }

  private IrcTestClient irc(String nick, String... caps) throws IOException {
    IrcTestClient client = IrcTestClient.register(cluster.node(0).ircPort(), nick, caps);
    clients.add(client);
    return client;
  }

  private ChatClient plain(String nick) throws IOException {
    ChatClient client = ChatClient.connect(cluster.node(1).port()).nick(nick);
    clients.add(client);
    return client;
  }

  @Test
  @DisplayName("an IRC user on node 1 and a plain user on node 2 chat in one room, /me as CTCP ACTION both ways")
  void chatAcrossProtocolsAndNodes() throws IOException {
    IrcTestClient ircUser = irc("ircAnn").join("#mixed");
    ChatClient plainUser = plain("plainBen").join("mixed");
    ircUser.awaitLine(":plainBen!chat@n2 JOIN #mixed");

    ircUser.send("PRIVMSG #mixed :hello from irc");
    plainUser.awaitLine("MSG mixed ircAnn hello from irc");
    ircUser.send("PRIVMSG #mixed :\u0001ACTION waves\u0001");
    plainUser.awaitLine("ME mixed ircAnn waves");

    plainUser.send("hello from nc");
    ircUser.awaitLine(":plainBen!chat@n2 PRIVMSG #mixed :hello from nc");
    plainUser.send("/me nods");
    ircUser.awaitLine(":plainBen!chat@n2 PRIVMSG #mixed :\u0001ACTION nods\u0001");

    ircUser.send("NOTICE #mixed :a notice");
    plainUser.awaitLine("MSG mixed ircAnn a notice");
    plainUser.send("/part mixed").awaitLine("OK part mixed");
    ircUser.awaitLine(":plainBen!chat@n2 PART #mixed");
  }

  @Test
  @DisplayName("private messages cross protocols and nodes; one nick namespace for both")
  void privateMessagesAndNicks() throws IOException {
    IrcTestClient ircUser = irc("ircCarl");
    ChatClient plainUser = plain("plainDora");

    ircUser.send("PRIVMSG plainDora :psst");
    plainUser.awaitLine("PRIV ircCarl plainDora psst");
    plainUser.send("/msg ircCarl back at you");
    ircUser.awaitLine(":plainDora!chat@n2 PRIVMSG ircCarl :back at you");

    ircUser.send("NICK plainDora");
    ircUser.awaitContaining(" 433 ircCarl plainDora :Nickname is already in use");
    plainUser.send("/nick ircCarl");
    plainUser.awaitLine("ERR NICK_IN_USE ircCarl is already taken");
    ircUser.send("PRIVMSG nobodyHere :hi");
    ircUser.awaitContaining(" 401 ircCarl nobodyHere :No such nick/channel");
  }

  @Test
  @DisplayName("topic, operator and kick are one room state for both protocols")
  void roomStateAcrossProtocols() throws IOException {
    ChatClient owner = plain("plainOwner").join("state");
    IrcTestClient ircUser = irc("ircEve").join("#state");
    owner.awaitLine("JOIN state ircEve");

    ircUser.send("TOPIC #state :mine");
    ircUser.awaitContaining(" 482 ircEve #state :You're not channel operator");
    owner.send("/topic the plan").awaitLine("OK topic state");
    ircUser.awaitLine(":plainOwner!chat@n2 TOPIC #state :the plan");
    ircUser.send("NAMES #state");
    ircUser.awaitContaining(" 353 ircEve = #state :ircEve @plainOwner");

    owner.send("/mode +v ircEve").awaitLine("OK mode +v ircEve");
    ircUser.awaitLine(":plainOwner!chat@n2 MODE #state +v ircEve");
    owner.send("/kick ircEve enough").awaitLine("OK kick ircEve");
    ircUser.awaitLine(":plainOwner!chat@n2 KICK #state ircEve :enough");
    owner.send("/who state").awaitLine("WHO state 1 plainOwner");
    ircUser.send("PRIVMSG #state :still here?");
    ircUser.awaitContaining(" 404 ircEve #state :Cannot send to channel");
  }

  @Test
  @DisplayName("a nick change heard in two shared rooms reaches an IRC client once; a quit too")
  void nickAndQuitOnceAcrossSharedRooms() throws IOException {
    IrcTestClient ircUser = irc("ircFay").join("#one").join("#two");
    ChatClient plainUser = plain("plainGus").join("one").join("two");
    ChatClient observer = plain("plainObs").join("two");
    ircUser.awaitLine(":plainObs!chat@n2 JOIN #two");
    plainUser.nick("plainGus2");
    plainUser.send("/quit bye now");
    observer.awaitLine("QUIT two plainGus2 bye now");
    // The marker leaves node 2 after both rooms' copies of the nick change and the quit.
    observer.send("marker");
    List<String> lines = ircUser.linesThrough(":plainObs!chat@n2 PRIVMSG #two :marker");
    assertEquals(List.of(":plainGus!chat@n2 NICK plainGus2", ":plainGus2!chat@n2 QUIT :bye now"),
        lines.stream().filter(line -> line.contains(" NICK ") || line.contains(" QUIT ")).toList());
  }

  @Test
  @DisplayName("a bot of the event-bus API appears to IRC clients as a sender")
  void apiBotsAreSenders() throws IOException {
    IrcTestClient ircUser = irc("ircHal").join("#bots");
    JsonObject reply = cluster.node(1).vertx().eventBus().<JsonObject>request("clusterchat.api", new JsonObject()
        .put("v", 1).put("action", "post").put("bot", "helper").put("room", "bots").put("text", "beep"))
        .await().body();
    assertEquals(true, reply.getBoolean("ok"), reply.encode());
    ircUser.awaitLine(":helper!bot@clusterchat PRIVMSG #bots :beep");
  }
}
