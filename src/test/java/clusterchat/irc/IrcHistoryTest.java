package clusterchat.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.ChatNode;
import clusterchat.testing.ChatClient;
import clusterchat.testing.IrcTestClient;
import clusterchat.testing.TestNodes;
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

/** Channel history for IRC clients: the replay after JOIN and IRCv3 CHATHISTORY. */
class IrcHistoryTest {

  private static ChatNode node;
  private final List<AutoCloseable> clients = new ArrayList<>();

  @BeforeAll
  static void startNode() {
    node = TestNodes.start();
  }

  @AfterAll
  static void stopNode() {
    node.stop().await();
  }

  @AfterEach
  void closeClients() throws Exception {
    for (AutoCloseable client : clients) {
      client.close();
    }
  }

  private IrcTestClient irc(String nick, String... caps) throws IOException {
    IrcTestClient client = IrcTestClient.register(node.ircPort(), nick, caps);
    clients.add(client);
    return client;
  }

  /** A plain user who says the lines in the room and waits until they are logged. */
  private void said(String room, String nick, String... lines) throws IOException {
    ChatClient talker = ChatClient.connect(node.port());
    clients.add(talker);
    talker.nick(nick).join(room);
    for (String line : lines) {
      talker.send(line);
    }
    talker.send("/history " + room + " 1");
    talker.awaitLine("OK history " + room + " 1");
  }

  @Test
  @DisplayName("a JOIN replays the channel's last messages in a chathistory batch, with server-time when asked for")
  void replayInBatch() throws IOException {
    said("ircreplay", "plainSays", "first", "second");
    IrcTestClient modern = irc("modern", "batch", "server-time");
    modern.send("JOIN #ircreplay");
    List<String> lines = modern.linesThrough(":" + node.nodeId() + " BATCH -" + batchId(modern.awaitContaining(" BATCH +")));
    assertEquals(3, lines.size(), lines.toString());
    assertTrue(lines.get(0).matches("@batch=\\w+;time=\\S+Z :plainSays!chat@\\S+ PRIVMSG #ircreplay :first"), lines.get(0));
    assertTrue(lines.get(1).endsWith(" PRIVMSG #ircreplay :second"), lines.get(1));

    IrcTestClient classic = irc("classic");
    classic.join("#ircreplay");
    assertTrue(classic.awaitContaining("PRIVMSG #ircreplay").matches(":plainSays!chat@\\S+ PRIVMSG #ircreplay :first"));
  }

  @Test
  @DisplayName("CHATHISTORY LATEST, BEFORE and AFTER answer in a batch; non-members get INVALID_TARGET")
  void chathistory() throws IOException {
    said("asked", "plainTalks", "one", "two", "three", "four");
    IrcTestClient client = irc("historian", "batch", "server-time", "message-tags");
    client.join("#asked");
    assertEquals(List.of("one", "two", "three", "four"), texts(batch(client)), "replayed on join");
    client.send("CHATHISTORY LATEST #asked * 2");
    List<String> latest = batch(client);
    assertEquals(List.of("three", "four"), texts(latest));
    String threeId = tag(latest.get(0), "msgid");
    client.send("CHATHISTORY BEFORE #asked msgid=" + threeId + " 10");
    assertEquals(List.of("one", "two"), texts(batch(client)));
    client.send("CHATHISTORY AFTER #asked msgid=" + threeId + " 10");
    assertEquals(List.of("four"), texts(batch(client)));
    client.send("CHATHISTORY AFTER #asked timestamp=2000-01-01T00:00:00.000Z 2");
    assertEquals(List.of("one", "two"), texts(batch(client)));
    assertTrue(latest.get(0).matches("@batch=\\w+;msgid=\\S+;time=\\S+Z :plainTalks!chat@\\S+ PRIVMSG #asked :three"),
        latest.get(0));
    client.send("CHATHISTORY LATEST #elsewhere * 10");
    client.awaitContaining("FAIL CHATHISTORY INVALID_TARGET LATEST #elsewhere ");
    client.send("CHATHISTORY AROUND #asked * 10");
    client.awaitContaining("FAIL CHATHISTORY INVALID_PARAMS AROUND ");
  }

  @Test
  @DisplayName("CAP LS offers draft/chathistory and ISUPPORT announces CHATHISTORY and MSGREFTYPES")
  void advertised() throws IOException {
    ChatClient raw = ChatClient.connectRaw(node.ircPort());
    clients.add(raw);
    raw.send("CAP LS 302");
    assertTrue(raw.await(line -> line.contains(" CAP * LS ")).contains("draft/chathistory"));
    raw.send("CAP END");
    raw.send("NICK adverts");
    raw.send("USER adverts 0 * :Adverts");
    String isupport = raw.await(line -> line.contains(" 005 ") && line.contains("CHATHISTORY"));
    assertTrue(isupport.contains(" CHATHISTORY=1000 ") && isupport.contains(" MSGREFTYPES=msgid,timestamp "), isupport);
  }

  /** The lines of the next chathistory batch, without the BATCH lines. */
  private static List<String> batch(IrcTestClient client) {
    String id = batchId(client.awaitContaining(" BATCH +"));
    List<String> lines = new ArrayList<>(client.linesThrough(":" + node.nodeId() + " BATCH -" + id));
    lines.remove(lines.size() - 1);
    return lines;
  }

  private static String batchId(String batchStart) {
    Matcher start = Pattern.compile(" BATCH \\+(\\w+) chathistory ").matcher(batchStart);
    assertTrue(start.find(), batchStart);
    return start.group(1);
  }

  private static List<String> texts(List<String> lines) {
    return lines.stream().map(line -> line.substring(line.lastIndexOf(" :") + 2)).toList();
  }

  private static String tag(String line, String name) {
    Matcher tag = Pattern.compile("[@;]" + name + "=([^; ]+)").matcher(line);
    assertTrue(tag.find(), line);
    return tag.group(1);
  }
}
