package clusterchat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.ChatNode;
import clusterchat.testing.ChatClient;
import clusterchat.testing.TestNodes;
import clusterchat.testing.WebChatClient;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A web user is an ordinary user: the same checks, limits and goodbyes as a TCP user. */
class WebLimitsTest {

  private final List<ChatNode> nodes = new ArrayList<>();
  private final List<AutoCloseable> clients = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable client : clients) {
      client.close();
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

  private WebChatClient web(ChatNode node) throws IOException {
    WebChatClient client = WebChatClient.connect(node.httpPort());
    clients.add(client);
    return client;
  }

  private ChatClient tcp(ChatNode node) throws IOException {
    ChatClient client = ChatClient.connect(node.port());
    clients.add(client);
    return client;
  }

  private static JsonObject limits(JsonObject limits) {
    return new JsonObject().put("limits", limits);
  }

  @Test
  @DisplayName("a flooding web user gets the same RATE_LIMITED errors and BYE FLOOD as a TCP flooder")
  void floodSameAsTcp() throws IOException {
    ChatNode node = node(limits(new JsonObject().put("rateBurst", 5).put("rateLinesPerSecond", 1)
        .put("floodDisconnectLines", 30)));
    WebChatClient webFlooder = web(node).nick("webFlooder");
    ChatClient tcpFlooder = tcp(node).nick("tcpFlooder");
    ChatClient bystander = tcp(node).nick("bystander");
    StringBuilder burst = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      webFlooder.send("spam " + i);
      burst.append("spam ").append(i).append('\n');
    }
    tcpFlooder.sendRaw(burst.toString().getBytes(StandardCharsets.US_ASCII));
    List<String> webSaw = webFlooder.awaitClosed();
    List<String> tcpSaw = tcpFlooder.awaitClosed();
    assertTrue(webSaw.contains("ERR RATE_LIMITED too many lines; the line was discarded"), webSaw.toString());
    assertEquals("BYE FLOOD far over the line rate", webSaw.get(webSaw.size() - 1));
    assertEquals(tcpSaw.get(tcpSaw.size() - 1), webSaw.get(webSaw.size() - 1));
    bystander.awaitLine("QUIT lobby webFlooder flooding");
  }

  @Test
  @DisplayName("pings count as lines, so a ping flood is a flood too (each ping costs the server a pong)")
  void pingFlood() throws IOException {
    ChatNode node = node(limits(new JsonObject().put("rateBurst", 5).put("rateLinesPerSecond", 1)
        .put("floodDisconnectLines", 30)));
    WebChatClient pinger = web(node);
    for (int i = 0; i < 200; i++) {
      pinger.sendFrame(WebChatClient.PING, new byte[] {(byte) i}, true);
    }
    List<String> saw = pinger.awaitClosed();
    assertEquals("BYE FLOOD far over the line rate", saw.get(saw.size() - 1));
  }

  @Test
  @DisplayName("length, UTF-8 and controls are checked per message as per TCP line; the connection stays open")
  void lineChecks() throws IOException {
    ChatNode node = node(new JsonObject().put("protocol", new JsonObject().put("maxLineBytes", 64)));
    WebChatClient user = web(node).nick("checked");
    ChatClient listener = tcp(node);
    String tooLong = "ERR LINE_TOO_LONG lines are limited to 64 bytes; the line was discarded";
    user.send("x".repeat(65));
    user.awaitLine(tooLong);
    byte[] half = "y".repeat(40).getBytes(StandardCharsets.US_ASCII);
    user.sendFrame(WebChatClient.TEXT, half, false).sendFrame(WebChatClient.CONTINUATION, half, true);
    user.awaitLine(tooLong);
    byte[] invalidUtf8 = {'h', 'i', (byte) 0xC3, (byte) 0x28};
    user.sendFrame(WebChatClient.TEXT, invalidUtf8, true);
    user.awaitLine("ERR INVALID_UTF8 the line was not valid UTF-8 and was discarded");
    user.sendFrame(WebChatClient.BINARY, invalidUtf8, true);
    user.awaitLine("ERR INVALID_UTF8 the line was not valid UTF-8 and was discarded");
    user.sendFrame(WebChatClient.TEXT, "in ".getBytes(StandardCharsets.US_ASCII), false)
        .sendFrame(WebChatClient.CONTINUATION, "two frames".getBytes(StandardCharsets.US_ASCII), true);
    listener.awaitLine("MSG lobby checked in two frames");
    user.send("z".repeat(64));
    listener.awaitLine("MSG lobby checked " + "z".repeat(64));
    user.send("red\u001b[31m\u2028alert");
    listener.awaitLine("MSG lobby checked red[31malert");
  }

  @Test
  @DisplayName("web and TCP connections count against one per-IP limit; the refused one gets the BYE as a message")
  void perIpLimitAcrossTransports() throws IOException {
    ChatNode node = node(limits(new JsonObject().put("maxConnectionsPerIp", 2)));
    tcp(node);
    web(node);
    WebChatClient third = WebChatClient.connectRaw(node.httpPort(), null);
    clients.add(third);
    assertEquals(List.of("BYE TOO_MANY_CONNECTIONS 127.0.0.1 already has 2 connections to this node"),
        third.awaitClosed());
  }

  @Test
  @DisplayName("an idle web user is closed with BYE IDLE_TIMEOUT")
  void idleTimeout() throws IOException {
    ChatNode node = node(limits(new JsonObject().put("idleTimeoutSeconds", 1)));
    List<String> lines = web(node).awaitClosed();
    assertEquals("BYE IDLE_TIMEOUT no line for 1 seconds", lines.get(lines.size() - 1));
  }

  @Test
  @DisplayName("a web user that never reads is disconnected past maxDroppedLines; the room sees it quit")
  void slowReader() throws IOException {
    ChatNode node = node(limits(new JsonObject().put("maxPendingBytes", 4096).put("maxDroppedLines", 10)
        .put("rateBurst", 1_000_000).put("rateLinesPerSecond", 1_000_000)));
    WebChatClient slow = WebChatClient.connectSlowReader(node.httpPort());
    clients.add(slow);
    ChatClient watcher = tcp(node).nick("watcher");
    ChatClient sender = tcp(node).nick("bulkSender");
    String padding = "x".repeat(80);
    StringBuilder batch = new StringBuilder();
    for (int i = 0; i < 60_000; i++) {
      batch.append(i).append(' ').append(padding).append('\n');
      if (batch.length() > 60_000) {
        sender.sendRaw(batch.toString().getBytes(StandardCharsets.US_ASCII));
        batch.setLength(0);
      }
    }
    String quit = watcher.await(line -> line.startsWith("QUIT lobby guest-"));
    assertTrue(quit.endsWith(" not reading"), quit);
    slow.startReading();
    List<String> lines = slow.awaitClosed();
    assertEquals("BYE SLOW_READER output was not read", lines.get(lines.size() - 1));
  }

  @Test
  @DisplayName("stopping the node says BYE SHUTDOWN to web users too")
  void shutdown() throws IOException {
    ChatNode node = TestNodes.start();
    WebChatClient user = WebChatClient.connect(node.httpPort());
    clients.add(user);
    node.stop().await();
    List<String> lines = user.awaitClosed();
    assertEquals("BYE SHUTDOWN the server is shutting down", lines.get(lines.size() - 1));
  }
}
