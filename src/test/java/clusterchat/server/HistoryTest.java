package clusterchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.ChatNode;
import clusterchat.testing.ChatClient;
import clusterchat.testing.TestNodes;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Room history in the plain protocol on one node: the replay on join, and /history. */
class HistoryTest {

  /** HISTORY, the time (UTC, to the second), then the line as it was. */
  private static final String STAMP = "HISTORY \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ ";

  private static ChatNode node;
  private final List<ChatClient> clients = new ArrayList<>();

  @BeforeAll
  static void startNode() {
    node = TestNodes.start(new JsonObject().put("history", new JsonObject().put("onJoin", 3).put("maxPerRoom", 50)));
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

  private static void assertHistory(String expected, String line) {
    assertTrue(line.matches(STAMP + Pattern.quote(expected)), line);
  }

  @Test
  @DisplayName("a join replays the room's last history.onJoin messages as HISTORY lines, then live lines follow")
  void replayOnJoin() throws IOException {
    ChatClient alice = connect().nick("histAlice").join("replay");
    for (int i = 1; i <= 5; i++) {
      alice.send("line " + i);
    }
    alice.send("/me waves");
    alice.send("/who");
    alice.awaitPrefix("WHO replay ");
    ChatClient bob = connect().nick("histBob");
    bob.send("/join replay");
    bob.awaitLine("OK join replay");
    assertHistory("MSG replay histAlice line 4", bob.next());
    assertHistory("MSG replay histAlice line 5", bob.next());
    assertHistory("ME replay histAlice waves", bob.next());
    alice.send("live now");
    assertEquals("MSG replay histAlice live now", bob.await(line -> line.startsWith("MSG ") || line.startsWith("HISTORY ")));
  }

  @Test
  @DisplayName("a new connection gets its default room's history right after HELLO")
  void replayAfterHello() throws IOException {
    ChatClient talker = connect().nick("lobbyTalker");
    talker.send("remember me");
    talker.send("/who");
    talker.awaitPrefix("WHO lobby ");
    ChatClient newcomer = connect();
    assertHistory("MSG lobby lobbyTalker remember me", newcomer.await(line -> line.contains("remember me")));
  }

  @Test
  @DisplayName("/history shows a room's last lines, then OK history ROOM COUNT; only to its members")
  void historyCommand() throws IOException {
    ChatClient alice = connect().nick("cmdAlice").join("asked");
    for (int i = 1; i <= 4; i++) {
      alice.send("said " + i);
    }
    alice.send("/history asked 2");
    assertHistory("MSG asked cmdAlice said 3", alice.await(line -> line.startsWith("HISTORY ")));
    assertHistory("MSG asked cmdAlice said 4", alice.next());
    alice.awaitLine("OK history asked 2");
    alice.send("/history");
    List<String> all = alice.linesThrough("OK history asked 4");
    assertEquals(5, all.size(), all.toString());
    ChatClient outsider = connect();
    outsider.send("/history asked");
    outsider.awaitLine("ERR NOT_IN_ROOM you are not in asked");
    alice.send("/history asked 0");
    assertTrue(alice.awaitPrefix("ERR BAD_ARGUMENTS ").contains("/history [ROOM] [N]"));
  }

  @Test
  @DisplayName("users who never ask see today's lines unchanged: no HISTORY or SEQ line between live ones")
  void liveLinesUnchanged() throws IOException {
    ChatClient alice = connect().nick("plainAlice").join("unchanged");
    ChatClient bob = connect().nick("plainBob").join("unchanged");
    alice.awaitLine("JOIN unchanged plainBob");
    bob.send("hello");
    assertEquals("MSG unchanged plainBob hello", alice.next());
  }

  @Test
  @DisplayName("/seq on puts SEQ EPOCH N in front of room lines, history lines included, numbered one by one; /seq off stops")
  void sequenceNumbers() throws IOException {
    ChatClient alice = connect().nick("seqAlice").join("numbered");
    ChatClient bob = connect().nick("seqBob").join("numbered");
    alice.awaitLine("JOIN numbered seqBob");
    alice.send("/seq on");
    alice.awaitLine("OK seq on");
    bob.send("first");
    bob.send("/me second");
    Matcher first = Pattern.compile("SEQ (\\S+) (\\d+) MSG numbered seqBob first").matcher(alice.next());
    assertTrue(first.matches());
    long n = Long.parseLong(first.group(2));
    assertEquals("SEQ " + first.group(1) + " " + (n + 1) + " ME numbered seqBob second", alice.next());
    alice.send("/history numbered 1");
    assertHistory("SEQ " + first.group(1) + " " + (n + 1) + " ME numbered seqBob second", alice.next());
    alice.awaitLine("OK history numbered 1");
    alice.send("/seq off");
    alice.awaitLine("OK seq off");
    bob.send("third");
    assertEquals("MSG numbered seqBob third", alice.next());
    alice.send("/seq maybe");
    alice.awaitLine("ERR BAD_ARGUMENTS usage: /seq on|off");
  }
}
