package clusterchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.ChatNode;
import clusterchat.core.ErrorCode;
import clusterchat.testing.ChatClient;
import clusterchat.testing.TestNodes;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Bad input and resource limits: each gets a clear line, and nobody else is affected. */
class BadInputAndLimitsTest {

  private final List<ChatNode> nodes = new ArrayList<>();
  private final List<AutoCloseable> sockets = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable socket : sockets) {
      socket.close();
    }
    for (ChatNode node : nodes) {
      node.stop().await();
    }
  }

  private ChatNode node(JsonObject overrides) {
    ChatNode node = TestNodes.start(overrides);
    nodes.add(node);
    return node;
  }

  private ChatClient connect(ChatNode node) throws IOException {
    ChatClient client = ChatClient.connect(node.port());
    sockets.add(client);
    return client;
  }

  private static JsonObject limits(JsonObject limits) {
    return new JsonObject().put("limits", limits);
  }

  @Test
  @DisplayName("every line-protocol error code is reachable from a client (INTERNAL aside; INVALID_REQUEST is API-only; SESSION_ACTIVE needs a cluster)")
  void everyErrorCode() throws IOException {
    ChatNode node = node(new JsonObject().put("protocol", new JsonObject().put("maxLineBytes", 100))
        .put("limits", new JsonObject().put("rateBurst", 50).put("rateLinesPerSecond", 1)
            .put("maxRoomsPerConnection", 3).put("maxRoomsPerNode", 4)));
    ChatClient client = connect(node);
    ChatClient other = connect(node).nick("takenNick");
    Set<ErrorCode> seen = EnumSet.noneOf(ErrorCode.class);
    String[] probes = {
        "x".repeat(101), null, "/frobnicate", "/nick", "/nick bad!nick", "/nick takenNick", "/join room key extra",
        "/join bad!room", "/msg ghostNick hi", "/who emptyroom", "/resume noSuchToken", "/part elsewhere", "/part lobby", "still here?"};
    // Each probe but "/part lobby" (which sets up NO_ROOM) answers with exactly one ERR line.
    for (String probe : probes) {
      if ("/part lobby".equals(probe)) {
        client.send(probe).awaitLine("OK part lobby");
        continue;
      }
      if (probe == null) {
        client.sendRaw(new byte[] {'h', 'i', (byte) 0xC3, (byte) 0x28, '\n'});
      } else {
        client.send(probe);
      }
      seen.add(ErrorCode.valueOf(client.awaitPrefix("ERR ").split(" ")[1]));
    }
    // The node hosts lobby (other is there) and a1-a3: a fourth room is one too many for client and node.
    client.join("a1").join("a2").join("a3").send("/join a4");
    seen.add(ErrorCode.valueOf(client.awaitPrefix("ERR ").split(" ")[1]));
    other.send("/join a5");
    seen.add(ErrorCode.valueOf(other.awaitPrefix("ERR ").split(" ")[1]));
    // client opened a1, so it is a1's operator; other is no operator of lobby, which client opened and left.
    client.join("a1").send("/kick ghostNick");
    seen.add(ErrorCode.valueOf(client.awaitPrefix("ERR ").split(" ")[1]));
    client.send("/mode +k sesame").awaitLine("OK mode +k sesame");
    other.send("/join a1");
    seen.add(ErrorCode.valueOf(other.awaitPrefix("ERR ").split(" ")[1]));
    other.send("/topic hello");
    seen.add(ErrorCode.valueOf(other.awaitPrefix("ERR ").split(" ")[1]));
    for (int i = 0; i < 50; i++) {
      client.send("/rooms");
    }
    client.awaitPrefix("ERR RATE_LIMITED");
    seen.add(ErrorCode.RATE_LIMITED);
    // SESSION_ACTIVE needs a cluster: ResumeClusterTest reaches it.
    assertEquals(EnumSet.complementOf(EnumSet.of(ErrorCode.INTERNAL, ErrorCode.INVALID_REQUEST,
        ErrorCode.SESSION_ACTIVE)), seen);
  }

  @Test
  @DisplayName("rooms per connection and per node are capped with clear errors; parting frees a place")
  void roomLimits() throws IOException {
    ChatNode node = node(limits(new JsonObject().put("maxRoomsPerConnection", 2).put("maxRoomsPerNode", 3)));
    ChatClient joiner = connect(node).join("second");
    joiner.send("/join third");
    joiner.awaitLine("ERR TOO_MANY_ROOMS you are in 2 rooms, the most one connection may be in; /part one first");
    joiner.send("/part second").awaitLine("OK part second");
    joiner.join("third");
    // The node hosts lobby, second (gone again) and third: one more new room fits, then none.
    ChatClient other = connect(node).join("fourth");
    other.send("/join fifth");
    other.awaitPrefix("ERR TOO_MANY_ROOMS ");
    ChatClient third = connect(node);
    third.send("/part lobby").awaitLine("OK part lobby");
    third.send("/join fifth");
    third.awaitLine("ERR ROOMS_FULL this node already hosts its maximum of 3 rooms;"
        + " join a room that has members here, or try again later");
    third.join("fourth");
    third.send("/who fourth").awaitLine("WHO fourth 2 " + String.join(" ",
        Stream.of(other.nick(), third.nick()).sorted(String.CASE_INSENSITIVE_ORDER).toList()));
  }

  @Test
  @DisplayName("/rooms answers in pages of 100 rooms, sorted, with a notice naming the next page")
  void roomsInPages() throws IOException {
    ChatNode node = node(limits(new JsonObject().put("maxRoomsPerConnection", 300)));
    ChatClient client = connect(node);
    for (int i = 0; i < 249; i++) {
      client.send(String.format("/join r%03d", i));
    }
    client.awaitLine("OK join r248");
    List<String> rooms = new ArrayList<>();
    String after = "";
    for (int page = 0; page < 3; page++) {
      client.send(("/rooms " + after).strip());
      String[] answer = client.awaitPrefix("ROOMS ").split(" ");
      List<String> names = List.of(answer).subList(2, answer.length);
      assertEquals(Integer.parseInt(answer[1]), names.size());
      rooms.addAll(names);
      after = names.get(names.size() - 1).split(":")[0];
      if (page < 2) {
        client.awaitLine("NOTICE MORE_ROOMS more rooms follow; /rooms " + after + " lists the next ones");
      }
    }
    List<String> expected = new ArrayList<>(List.of("lobby:1"));
    for (int i = 0; i < 249; i++) {
      expected.add(String.format("r%03d:1", i));
    }
    assertEquals(expected.stream().sorted().toList(), rooms);
    client.send("/help").awaitLine("OK help");
  }

  @Test
  @DisplayName("an oversized line is refused, the rest of it discarded, and the connection keeps working")
  void oversizedLine() throws IOException {
    ChatNode node = node(new JsonObject().put("protocol", new JsonObject().put("maxLineBytes", 64)));
    ChatClient sender = connect(node).nick("bigSender");
    ChatClient listener = connect(node).nick("bigListener");
    // Sent in pieces, so the server must discard across reads, not just within one buffer.
    sender.sendRaw("a".repeat(50).getBytes(StandardCharsets.US_ASCII));
    sender.sendRaw("b".repeat(5000).getBytes(StandardCharsets.US_ASCII));
    sender.sendRaw("c".repeat(50).getBytes(StandardCharsets.US_ASCII));
    sender.sendRaw("\nafter the long one\n".getBytes(StandardCharsets.US_ASCII));
    sender.awaitLine("ERR LINE_TOO_LONG lines are limited to 64 bytes; the line was discarded");
    assertEquals("MSG lobby bigSender after the long one", listener.awaitPrefix("MSG lobby bigSender"));
  }

  @Test
  @DisplayName("invalid UTF-8 is refused and control characters never reach others")
  void invalidTextNeverReachesOthers() throws IOException {
    ChatNode node = node(new JsonObject());
    ChatClient sender = connect(node).nick("textSender");
    ChatClient listener = connect(node).nick("textListener");
    sender.sendRaw(new byte[] {'b', 'a', 'd', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'});
    sender.awaitPrefix("ERR INVALID_UTF8");
    sender.send("red\u001b[31malert\u0007 tab\there \u00e9t\u00e9 \ud83d\ude00");
    assertEquals("MSG lobby textSender red[31malert tab\there \u00e9t\u00e9 \ud83d\ude00",
        listener.awaitPrefix("MSG lobby textSender"));
  }

  @Test
  @DisplayName("a line with U+2028, U+2029 or bidi controls reaches others as one line without them")
  void unicodeLineBreaksAndBidiNeverReachOthers() throws IOException {
    ChatNode node = node(new JsonObject());
    ChatClient sender = connect(node).nick("sepSender");
    ChatClient listener = connect(node).nick("sepListener");
    sender.send("one\u2028MSG lobby admin forged\u2029 \u202etxt.exe\u2066x\u2069");
    sender.send("/me done");
    List<String> seen = listener.linesThrough("ME lobby sepSender done");
    assertEquals("MSG lobby sepSender oneMSG lobby admin forged txt.exex", seen.get(seen.size() - 2));
  }

  @Test
  @DisplayName("a flood gets RATE_LIMITED, then far past the limit it is disconnected; others are fine")
  void floodControl() throws IOException {
    ChatNode node = node(limits(new JsonObject().put("rateBurst", 5).put("rateLinesPerSecond", 1)
        .put("floodDisconnectLines", 30)));
    ChatClient flooder = connect(node).nick("flooder");
    ChatClient bystander = connect(node).nick("bystander");
    StringBuilder burst = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      burst.append("spam ").append(i).append('\n');
    }
    flooder.sendRaw(burst.toString().getBytes(StandardCharsets.US_ASCII));
    List<String> flooderSaw = flooder.awaitClosed();
    assertTrue(flooderSaw.contains("ERR RATE_LIMITED too many lines; the line was discarded"), flooderSaw.toString());
    assertEquals("BYE FLOOD far over the line rate", flooderSaw.get(flooderSaw.size() - 1));
    bystander.awaitLine("QUIT lobby flooder flooding");
    bystander.send("/who");
    bystander.awaitPrefix("WHO lobby ");
  }

  @Test
  @DisplayName("a reader that falls behind loses lines, hears how many when it catches up; others get all")
  void slowReaderToldAboutDrops() throws IOException {
    ChatNode node = node(limits(new JsonObject().put("maxPendingBytes", 4096).put("maxDroppedLines", 10_000_000)
        .put("rateBurst", 1_000_000).put("rateLinesPerSecond", 1_000_000)));
    Socket slow = ChatClient.connectSlowReader(node.port());
    sockets.add(slow);
    ChatClient fast = connect(node).nick("fastReader");
    ChatClient sender = connect(node).nick("bulkSender");
    floodRoom(sender, "bulkSender", fast, 60_000);
    String notice = readUntil(slow.getInputStream(), "NOTICE DROPPED ");
    int dropped = Integer.parseInt(notice.split(" ")[2]);
    assertTrue(dropped > 0 && dropped < 60_000, notice);
  }

  @Test
  @DisplayName("a reader that never reads is disconnected past maxDroppedLines; the room sees it quit")
  void slowReaderDisconnected() throws IOException {
    ChatNode node = node(limits(new JsonObject().put("maxPendingBytes", 4096).put("maxDroppedLines", 10)
        .put("rateBurst", 1_000_000).put("rateLinesPerSecond", 1_000_000)));
    Socket slow = ChatClient.connectSlowReader(node.port());
    sockets.add(slow);
    ChatClient fast = connect(node).nick("fastReader2");
    ChatClient sender = connect(node).nick("bulkSender2");
    List<String> others = floodRoom(sender, "bulkSender2", fast, 60_000);
    String quit = others.stream().filter(line -> line.startsWith("QUIT lobby guest-")).findFirst()
        .orElseGet(() -> fast.awaitPrefix("QUIT lobby guest-"));
    assertTrue(quit.endsWith(" not reading"), quit);
  }

  /**
   * Sends numbered lines into the lobby and checks the fast reader got every one, in order;
   * returns the other lines the fast reader saw meanwhile.
   */
  private static List<String> floodRoom(ChatClient sender, String senderNick, ChatClient fast, int count) {
    List<String> others = new ArrayList<>();
    StringBuilder batch = new StringBuilder();
    String padding = "x".repeat(80);
    for (int i = 0; i < count; i++) {
      batch.append(i).append(' ').append(padding).append('\n');
      if (batch.length() > 60_000 || i == count - 1) {
        sender.sendRaw(batch.toString().getBytes(StandardCharsets.US_ASCII));
        batch.setLength(0);
      }
    }
    for (int i = 0; i < count; i++) {
      String expected = "MSG lobby " + senderNick + " " + i + " " + padding;
      assertEquals(expected, fast.await(line -> line.startsWith("MSG lobby ") || !others.add(line)));
    }
    return others;
  }

  private static String readUntil(InputStream in, String prefix) throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        if (line.toString().startsWith(prefix)) {
          return line.toString();
        }
        line.setLength(0);
      } else {
        line.append((char) b);
      }
    }
    throw new AssertionError("connection closed before a line starting with " + prefix);
  }

  @Test
  @DisplayName("an idle connection is closed with a notice after idleTimeoutSeconds")
  void idleTimeout() throws IOException {
    ChatNode node = node(limits(new JsonObject().put("idleTimeoutSeconds", 1)));
    ChatClient idle = connect(node);
    List<String> lines = idle.awaitClosed();
    assertEquals("BYE IDLE_TIMEOUT no line for 1 seconds", lines.get(lines.size() - 1));
  }

  @Test
  @DisplayName("past maxConnections the extra connection gets SERVER_FULL and is closed")
  void maxConnections() throws IOException {
    ChatNode node = node(limits(new JsonObject().put("maxConnections", 2)));
    connect(node);
    ChatClient second = connect(node);
    ChatClient third = ChatClient.connectRaw(node.port());
    sockets.add(third);
    List<String> lines = third.awaitClosed();
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("BYE SERVER_FULL "), lines.toString());
    second.send("/who");
    second.awaitLine("WHO lobby 2 " + String.join(" ", sortedGuests(second)));
  }

  private static List<String> sortedGuests(ChatClient client) {
    client.send("/who");
    String who = client.awaitPrefix("WHO lobby ");
    List<String> nicks = new ArrayList<>(List.of(who.split(" ")).subList(3, who.split(" ").length));
    return nicks;
  }

  @Test
  @DisplayName("an IP past maxConnectionsPerIp gets TOO_MANY_CONNECTIONS; a freed slot is reusable")
  void connectionsPerIp() throws IOException {
    ChatNode node = node(limits(new JsonObject().put("maxConnectionsPerIp", 2)));
    ChatClient first = connect(node);
    connect(node);
    ChatClient third = ChatClient.connectRaw(node.port());
    sockets.add(third);
    List<String> lines = third.awaitClosed();
    assertEquals(List.of("BYE TOO_MANY_CONNECTIONS 127.0.0.1 already has 2 connections to this node"), lines);
    first.send("/quit");
    first.awaitClosed();
    connectEventually(node);
  }

  /** The server frees a slot when it sees the close, a moment after the client does. */
  private void connectEventually(ChatNode node) throws IOException {
    long deadline = System.nanoTime() + ChatClient.TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      ChatClient client = ChatClient.connectRaw(node.port());
      sockets.add(client);
      String first = client.next();
      if (first.startsWith("HELLO ")) {
        return;
      }
      assertTrue(first.startsWith("BYE TOO_MANY_CONNECTIONS "), first);
    }
    throw new AssertionError("the freed slot was never reusable");
  }

  @Test
  @DisplayName("an IP opening connections faster than connectsPerIpPerSecond is THROTTLED")
  void connectRateThrottled() throws IOException {
    ChatNode node = node(limits(new JsonObject().put("connectsPerIpPerSecond", 3).put("maxConnectionsPerIp", 100)));
    List<String> firstLines = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ChatClient client = ChatClient.connectRaw(node.port());
      sockets.add(client);
      firstLines.add(client.next());
    }
    assertTrue(firstLines.subList(0, 3).stream().allMatch(line -> line.startsWith("HELLO ")), firstLines.toString());
    assertTrue(firstLines.stream().anyMatch(line -> line.equals(
        "BYE THROTTLED too many new connections from 127.0.0.1; at most 3 per second")), firstLines.toString());
  }

  @Test
  @DisplayName("stopping the node tells every client and closes them")
  void shutdownNotice() throws IOException {
    ChatNode node = TestNodes.start();
    ChatClient a = connect(node);
    ChatClient b = connect(node);
    node.stop().await();
    for (ChatClient client : List.of(a, b)) {
      List<String> lines = client.awaitClosed();
      assertEquals("BYE SHUTDOWN the server is shutting down", lines.get(lines.size() - 1));
    }
  }
}
