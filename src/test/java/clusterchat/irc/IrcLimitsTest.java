package clusterchat.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.ChatNode;
import clusterchat.testing.ChatClient;
import clusterchat.testing.IrcTestClient;
import clusterchat.testing.TestNodes;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** IRC clients get the plain protocol's limits, in IRC's words, on a real node. */
class IrcLimitsTest {

  private ChatNode node;

  @AfterEach
  void stopNode() {
    if (node != null) {
      node.stop().await();
    }
  }

  private int start(JsonObject overrides) {
    node = TestNodes.start(overrides.mergeIn(new JsonObject().put("irc", new JsonObject().put("serverName", "irc.test")
        .mergeIn(overrides.getJsonObject("irc", new JsonObject()))), true));
    return node.ircPort();
  }

  @Test
  @DisplayName("too long lines get 417, invalid UTF-8 a FAIL, and the connection stays usable")
  void badLines() throws IOException {
    int port = start(new JsonObject());
    try (ChatClient raw = ChatClient.connectRaw(port)) {
      raw.send("NICK badLines").send("USER u 0 * :Real");
      raw.await(line -> line.contains(" 376 badLines "));
      raw.send("PRIVMSG badLines :" + "x".repeat(600));
      raw.awaitLine(":irc.test 417 badLines :Input line was too long");
      raw.send("@+tag=" + "a".repeat(5000) + " PRIVMSG badLines :hi");
      raw.awaitLine(":irc.test 417 badLines :Input line was too long");
      raw.sendRaw(new byte[] {'P', 'I', 'N', 'G', ' ', (byte) 0xC3, (byte) 0x28, '\r', '\n'});
      raw.awaitLine(":irc.test FAIL * INVALID_UTF8 :the line was not valid UTF-8 and was discarded");
      raw.send("PING still-here");
      raw.awaitLine(":irc.test PONG irc.test still-here");
    }
  }

  @Test
  @DisplayName("a flooding IRC client is disconnected like a plain one, with an ERROR line")
  void flood() throws IOException {
    int port = start(new JsonObject().put("limits", new JsonObject().put("rateBurst", 5).put("rateLinesPerSecond", 1)
        .put("floodDisconnectLines", 20)));
    try (ChatClient raw = ChatClient.connectRaw(port)) {
      raw.send("NICK flooder").send("USER u 0 * :Real");
      raw.await(line -> line.contains(" 376 flooder "));
      for (int i = 0; i < 60; i++) {
        raw.send("PING " + i);
      }
      List<String> rest = raw.awaitClosed();
      assertEquals("ERROR :Closing link: far over the line rate (FLOOD)", rest.get(rest.size() - 1), rest.toString());
    }
  }

  @Test
  @DisplayName("per-IP limits refuse an IRC connection with an ERROR line naming the limit")
  void perIpLimit() throws IOException {
    int port = start(new JsonObject().put("limits", new JsonObject().put("maxConnectionsPerIp", 2)));
    try (ChatClient first = ChatClient.connectRaw(port);
         ChatClient second = ChatClient.connectRaw(port);
         ChatClient third = ChatClient.connectRaw(port)) {
      assertEquals(List.of("ERROR :Closing link: 127.0.0.1 already has 2 connections to this node (TOO_MANY_CONNECTIONS)"),
          third.awaitClosed());
      first.send("PING one");
      first.awaitLine(":irc.test PONG irc.test one");
    }
  }

  @Test
  @DisplayName("an IRC client that does not read is disconnected like a plain one; its channel sees it quit")
  void slowReader() throws IOException {
    int port = start(new JsonObject().put("limits", new JsonObject().put("maxPendingBytes", 4096)
        .put("maxDroppedLines", 10).put("rateBurst", 1_000_000).put("rateLinesPerSecond", 1_000_000)));
    try (Socket slow = ChatClient.connectSlowReader(port);
         ChatClient fast = ChatClient.connect(node.port()).nick("fastOne").join("flood");
         ChatClient sender = ChatClient.connect(node.port()).nick("bulkOne").join("flood")) {
      slow.getOutputStream().write("NICK slowIrc\r\nUSER s 0 * :s\r\nJOIN #flood\r\n".getBytes(StandardCharsets.UTF_8));
      fast.awaitAnswer("/who flood", "WHO flood", "WHO flood 3 bulkOne fastOne slowIrc");
      String padding = "x".repeat(80);
      StringBuilder batch = new StringBuilder();
      for (int i = 0; i < 20_000; i++) {
        batch.append(i).append(' ').append(padding).append('\n');
      }
      sender.sendRaw(batch.toString().getBytes(StandardCharsets.US_ASCII));
      fast.awaitLine("QUIT flood slowIrc not reading");
    }
  }

  @Test
  @DisplayName("with irc.password set, a wrong PASS is refused with 464 and ERROR, the right one registers")
  void serverPassword() throws IOException {
    int port = start(new JsonObject().put("irc", new JsonObject().put("password", "letmein")));
    try (ChatClient wrong = ChatClient.connectRaw(port)) {
      wrong.send("PASS guess").send("NICK intruder").send("USER u 0 * :Real");
      List<String> lines = wrong.awaitClosed();
      assertEquals(List.of(":irc.test 464 * :Password incorrect", "ERROR :Closing link: Bad password (BAD_PASSWORD)"),
          lines);
    }
    try (ChatClient right = ChatClient.connectRaw(port)) {
      right.send("PASS letmein").send("NICK member").send("USER u 0 * :Real");
      right.await(line -> line.startsWith(":irc.test 001 member "));
    }
  }

  @Test
  @DisplayName("a silent client is pinged after irc.pingSeconds and dropped after twice that; an answer keeps it")
  void pingTimeout() throws IOException {
    int port = start(new JsonObject().put("irc", new JsonObject().put("pingSeconds", 1)));
    try (IrcTestClient answering = IrcTestClient.register(port, "answering");
         IrcTestClient silent = IrcTestClient.register(port, "silent");
         ChatClient unregistered = ChatClient.connectRaw(port)) {
      answering.awaitLine("PING irc.test");
      answering.send("PONG irc.test");
      List<String> dropped = silent.awaitClosed();
      assertTrue(dropped.contains("PING irc.test"), dropped.toString());
      assertEquals("ERROR :Closing link: Ping timeout: 2 seconds (IDLE_TIMEOUT)", dropped.get(dropped.size() - 1));
      assertEquals(List.of("ERROR :Closing link: Registration timeout: 1 seconds (IDLE_TIMEOUT)"),
          unregistered.awaitClosed());
      answering.send("PING alive");
      answering.awaitLine(":irc.test PONG irc.test alive");
    }
  }

  @Test
  @DisplayName("IRC formatting and escapes from an IRC user never reach plain clients; CR/LF cannot forge lines")
  void textIsCleanedForEveryone() throws IOException {
    int port = start(new JsonObject());
    try (IrcTestClient ircUser = IrcTestClient.register(port, "styler");
         ChatClient plain = ChatClient.connect(node.port()).nick("reader").join("styled")) {
      ircUser.join("#styled");
      ircUser.send("PRIVMSG #styled :\u0002bold\u0002 \u001b[2Jclear \u202eevil");
      plain.awaitLine("MSG styled styler bold [2Jclear evil");
      plain.send("/msg styler hi\u0000there");
      ircUser.awaitLine(":reader!chat@" + node.nodeId() + " PRIVMSG styler :hithere");
    }
  }
}
