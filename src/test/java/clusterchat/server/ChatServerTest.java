package clusterchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.ChatNode;
import clusterchat.testing.ChatClient;
import clusterchat.testing.TestNodes;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The chat on one node over real TCP: rooms, nicks, private messages and notices. */
class ChatServerTest {

  private static ChatNode node;
  private final List<ChatClient> clients = new ArrayList<>();

  @BeforeAll
  static void startNode() {
    // Without session resume a lost connection quits at once (ResumeClusterTest covers resume).
    node = TestNodes.start(new JsonObject().put("session", new JsonObject().put("resumeSeconds", 0)));
  }

  @AfterAll
  static void stopNode() {
    node.stop().await();
  }

  @AfterEach
  void closeClients() throws IOException {
    for (ChatClient client : clients) {
      client.close();
    }
  }

  private ChatClient connect() throws IOException {
    ChatClient client = ChatClient.connect(node.port());
    clients.add(client);
    return client;
  }

  @Test
  @DisplayName("a new connection is greeted with a guest nick in the default room")
  void greeting() throws IOException {
    ChatClient client = connect();
    assertTrue(client.nick().matches("guest-\\d+"), client.nick());
    client.send("/who");
    client.await(line -> line.startsWith("WHO lobby ") && line.contains(" " + client.nick()));
  }

  @Test
  @DisplayName("two users chat in a room; the sender does not get its own line back")
  void twoUsersChat() throws IOException {
    ChatClient alice = connect().nick("alice2u").join("two");
    ChatClient bob = connect().nick("bob2u").join("two");
    alice.awaitLine("JOIN two bob2u");
    alice.send("hello bob");
    bob.awaitLine("MSG two alice2u hello bob");
    bob.send("hi alice");
    alice.awaitLine("MSG two bob2u hi alice");
    alice.send("/me waves");
    bob.awaitLine("ME two alice2u waves");
    bob.send("//slash is text");
    // The next MSG alice sees is bob's, proving she never got her own line echoed.
    assertEquals("MSG two bob2u /slash is text", alice.awaitPrefix("MSG "));
  }

  @Test
  @DisplayName("twenty users in one room each receive every other user's line exactly once")
  void twentyUsers() throws IOException {
    List<ChatClient> crowd = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      crowd.add(connect().nick("crowd" + i).join("crowd"));
    }
    // Everyone has seen the last join, so every member is subscribed.
    for (int i = 0; i < 19; i++) {
      crowd.get(i).awaitLine("JOIN crowd crowd19");
    }
    for (int i = 0; i < 20; i++) {
      crowd.get(i).send("line from " + i);
    }
    for (int receiver = 0; receiver < 20; receiver++) {
      List<String> got = new ArrayList<>();
      for (int n = 0; n < 19; n++) {
        got.add(crowd.get(receiver).awaitPrefix("MSG crowd "));
      }
      for (int sender = 0; sender < 20; sender++) {
        String expected = "MSG crowd crowd" + sender + " line from " + sender;
        assertEquals(sender == receiver ? 0 : 1, got.stream().filter(expected::equals).count(),
            "receiver " + receiver + " got " + got);
      }
    }
  }

  @Test
  @DisplayName("rooms are isolated: a line in one room never reaches another room's members")
  void roomsIsolated() throws IOException {
    ChatClient speaker = connect().nick("speakerIso").join("iso-a");
    speaker.join("iso-b");
    ChatClient onlyA = connect().nick("onlyA").join("iso-a");
    ChatClient onlyB = connect().nick("onlyB").join("iso-b");
    speaker.awaitLine("JOIN iso-b onlyB");
    speaker.send("/join iso-a").send("for a").send("/join iso-b").send("for b");
    // Per-sender order holds, so the first MSG each sees must be its own room's.
    assertEquals("MSG iso-a speakerIso for a", onlyA.awaitPrefix("MSG "));
    assertEquals("MSG iso-b speakerIso for b", onlyB.awaitPrefix("MSG "));
  }

  @Test
  @DisplayName("a line right after /join goes to the joined room (lines run in order)")
  void lineAfterJoinGoesToNewRoom() throws IOException {
    ChatClient listener = connect().nick("listenerOrd").join("ordered");
    ChatClient talker = connect().nick("talkerOrd");
    talker.send("/join ordered").send("first words");
    listener.awaitLine("JOIN ordered talkerOrd");
    listener.awaitLine("MSG ordered talkerOrd first words");
  }

  @Test
  @DisplayName("private messages reach the recipient, echo to the sender, and unknown nicks are refused")
  void privateMessages() throws IOException {
    ChatClient alice = connect().nick("alicePm");
    ChatClient bob = connect().nick("bobPm");
    alice.send("/msg BOBPM psst, secret");
    bob.awaitLine("PRIV alicePm bobPm psst, secret");
    alice.awaitLine("PRIV alicePm bobPm psst, secret");
    alice.send("/msg nobodyPm hello");
    alice.awaitLine("ERR NO_SUCH_NICK nobody is called nobodyPm");
  }

  @Test
  @DisplayName("join, part, nick and quit are announced to the room")
  void notices() throws IOException {
    ChatClient watcher = connect().nick("watcherN").join("notices");
    ChatClient actor = connect().nick("actorN").join("notices");
    watcher.awaitLine("JOIN notices actorN");
    actor.nick("actorN2");
    watcher.awaitLine("NICK notices actorN actorN2");
    actor.send("/part notices");
    actor.awaitLine("OK part notices");
    watcher.awaitLine("PART notices actorN2");
    actor.join("notices");
    watcher.awaitLine("JOIN notices actorN2");
    actor.send("/quit see you");
    actor.awaitLine("BYE QUIT goodbye");
    watcher.awaitLine("QUIT notices actorN2 see you");
  }

  @Test
  @DisplayName("two clients claiming one nick at the same moment: exactly one wins, every time")
  void nickRace() throws Exception {
    for (int round = 0; round < 20; round++) {
      ChatClient first = connect();
      ChatClient second = connect();
      String nick = "racer" + round;
      CompletableFuture<String> a = CompletableFuture.supplyAsync(() -> first.claimNick(nick));
      CompletableFuture<String> b = CompletableFuture.supplyAsync(() -> second.claimNick(nick));
      List<String> outcomes = List.of(a.get(), b.get());
      assertEquals(1, outcomes.stream().filter(("OK nick " + nick)::equals).count(), outcomes.toString());
      assertEquals(1, outcomes.stream().filter(o -> o.startsWith("ERR NICK_IN_USE")).count(), outcomes.toString());
    }
  }

  @Test
  @DisplayName("nicks are unique ignoring case, and a user may change the case of its own nick")
  void nickCase() throws IOException {
    ChatClient holder = connect().nick("CaseNick");
    ChatClient other = connect();
    other.send("/nick casenick");
    other.awaitLine("ERR NICK_IN_USE CaseNick is already taken");
    holder.nick("casenick");
    holder.send("/msg CASENICK hi me");
    holder.awaitLine("PRIV casenick casenick hi me");
  }

  @Test
  @DisplayName("without session resume, a reset connection releases its nick and rooms at once and the room sees it quit")
  void abruptDisconnect() throws IOException {
    ChatClient watcher = connect().nick("watcherRst").join("crash");
    ChatClient victim = connect().nick("victimRst").join("crash");
    watcher.awaitLine("JOIN crash victimRst");
    victim.reset();
    watcher.awaitLine("QUIT lobby victimRst connection lost".replace("lobby", "crash"));
    connect().nick("victimRst");
  }

  @Test
  @DisplayName("/who and /rooms list members and counts")
  void whoAndRooms() throws IOException {
    ChatClient a = connect().nick("whoA").join("listing");
    connect().nick("whoB").join("listing");
    a.send("/who listing");
    a.awaitLine("WHO listing 2 whoA whoB");
    a.send("/who #LISTING");
    a.awaitLine("WHO listing 2 whoA whoB");
    a.send("/rooms");
    String rooms = a.awaitPrefix("ROOMS ");
    assertTrue(rooms.contains(" listing:2"), rooms);
  }

  @Test
  @DisplayName("with two instances, connections spread over both and members on either see each other")
  void instancesShareRooms() throws IOException {
    List<ChatClient> members = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      members.add(connect().nick("inst" + i).join("spread"));
    }
    List<Integer> perInstance = node.connectionsPerInstance();
    assertEquals(2, perInstance.size());
    assertFalse(perInstance.contains(0), "connections per instance: " + perInstance);
    members.get(5).send("across instances");
    for (int i = 0; i < 5; i++) {
      members.get(i).awaitLine("MSG spread inst5 across instances");
    }
  }

  @Test
  @DisplayName("a lone '/' or '/ text' is an unknown command, never chat")
  void slashWithoutCommandName() throws IOException {
    ChatClient client = connect();
    client.send("/");
    client.awaitLine("ERR UNKNOWN_COMMAND / is not a command; type /help for the list");
    client.send("/ hello");
    client.awaitLine("ERR UNKNOWN_COMMAND / is not a command; type /help for the list");
  }
}
