package clusterchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.ChatNode;
import clusterchat.config.ConfigException;
import clusterchat.config.ConfigLoader;
import clusterchat.testing.ChatClient;
import clusterchat.testing.TestNodes;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The TLS chat listener beside the plain one (test certificate: src/test/resources/tls, self-signed). */
class TlsTest {

  static final String CERT = "src/test/resources/tls/cert.pem";
  static final String KEY = "src/test/resources/tls/key.pem";

  static JsonObject tls() {
    return new JsonObject().put("tls", new JsonObject().put("enabled", true).put("port", 0)
        .put("certPath", CERT).put("keyPath", KEY));
  }

  @Test
  @DisplayName("users on the TLS port and the plain port chat with each other")
  void tlsAndPlainTogether() throws IOException {
    ChatNode node = TestNodes.start(tls());
    try (ChatClient secure = ChatClient.connectTls(node.tlsPort()).nick("secure");
         ChatClient plain = ChatClient.connect(node.port()).nick("plain")) {
      secure.send("over tls");
      plain.awaitLine("MSG lobby secure over tls");
      plain.send("over tcp");
      secure.awaitLine("MSG lobby plain over tcp");
    } finally {
      node.stop().await();
    }
  }

  @Test
  @DisplayName("with tls.enabled, IRC is served over TLS on irc.tlsPort with the same certificate")
  void ircOverTls() throws IOException {
    ChatNode node = TestNodes.start(tls().put("irc", new JsonObject().put("tlsPort", 0).put("serverName", "irc.tls")));
    try (ChatClient irc = ChatClient.connectTlsRaw(node.ircTlsPort());
         ChatClient plain = ChatClient.connect(node.port()).nick("plainSide")) {
      irc.send("NICK tlsIrc").send("USER t 0 * :TLS user");
      irc.awaitLine(":irc.tls 001 tlsIrc :Welcome to the ClusterChat IRC network, tlsIrc!t@" + node.nodeId());
      irc.send("JOIN #lobby");
      plain.awaitLine("JOIN lobby tlsIrc");
      plain.send("over tcp");
      irc.awaitLine(":plainSide!chat@" + node.nodeId() + " PRIVMSG #lobby :over tcp");
    } finally {
      node.stop().await();
    }
  }

  @Test
  @DisplayName("the TLS port does not speak plain text")
  void tlsPortRefusesPlainText() throws IOException {
    ChatNode node = TestNodes.start(tls());
    try (Socket socket = new Socket("127.0.0.1", node.tlsPort())) {
      socket.getOutputStream().write("/who\n".getBytes(StandardCharsets.US_ASCII));
      socket.setSoTimeout(10_000);
      byte[] reply = socket.getInputStream().readAllBytes();
      assertTrue(!new String(reply, StandardCharsets.ISO_8859_1).contains("HELLO"), "plain text got a greeting");
    } finally {
      node.stop().await();
    }
  }

  @Test
  @DisplayName("TLS without a certificate, or with no listener at all, is a config error naming the key")
  void tlsConfigErrors() {
    ConfigException noCert = assertThrows(ConfigException.class, () -> ConfigLoader.fromJson(
        new JsonObject().put("tls", new JsonObject().put("enabled", true).put("keyPath", KEY))));
    assertEquals(1, noCert.problems().size(), noCert.problems().toString());
    assertTrue(noCert.problems().get(0).contains("tls.certPath must name a PEM file"), noCert.problems().toString());
    ConfigException unreadable = assertThrows(ConfigException.class, () -> ConfigLoader.fromJson(
        new JsonObject().put("tls", new JsonObject().put("enabled", true).put("certPath", "no/such.pem").put("keyPath", KEY))));
    assertTrue(unreadable.problems().get(0).contains("cannot read \"no/such.pem\""), unreadable.problems().toString());
    ConfigException none = assertThrows(ConfigException.class, () -> ConfigLoader.fromJson(
        new JsonObject().put("tcp", new JsonObject().put("enabled", false))));
    assertTrue(none.problems().get(0).contains("no chat listener would run"), none.problems().toString());
  }

  @Test
  @DisplayName("per-IP limits hold on the TLS port before the handshake: one IP cannot park more stalled handshakes")
  void perIpLimitBeforeHandshake() throws IOException {
    ChatNode node = TestNodes.start(tls().put("limits", new JsonObject().put("maxConnectionsPerIp", 3)));
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        stalled.add(new Socket("127.0.0.1", node.tlsPort()));
      }
      // None sends a ClientHello; the node must still count them.
      awaitTrue(() -> node.connectionCount() == 3, "the node counts the three stalled handshakes");
      try (Socket extra = new Socket("127.0.0.1", node.tlsPort())) {
        assertTrue(closedWithin(extra, Duration.ofSeconds(3)), "the fourth connection from the IP was not refused");
      }
      for (Socket socket : stalled) {
        assertFalse(closedWithin(socket, Duration.ofMillis(100)), "an admitted handshake was closed early");
      }
    } finally {
      for (Socket socket : stalled) {
        socket.close();
      }
      node.stop().await();
    }
  }

  @Test
  @DisplayName("a handshake that does not finish within limits.tlsHandshakeSeconds is closed and its place freed")
  void stalledHandshakeClosed() throws IOException {
    ChatNode node = TestNodes.start(tls().put("limits", new JsonObject().put("maxConnectionsPerIp", 1)
        .put("tlsHandshakeSeconds", 1)));
    try (Socket stalled = new Socket("127.0.0.1", node.tlsPort())) {
      long start = System.nanoTime();
      assertTrue(closedWithin(stalled, Duration.ofSeconds(5)), "the stalled handshake was not closed");
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(millis >= 500, "closed after " + millis + " ms, before the bound");
      awaitTrue(() -> node.connectionCount() == 0, "the node forgets the closed handshake");
      // The IP's only place is free again: the next connection is counted in, not refused.
      try (Socket next = new Socket("127.0.0.1", node.tlsPort())) {
        awaitTrue(() -> node.connectionCount() == 1, "the node admits the next connection");
      }
    } finally {
      node.stop().await();
    }
  }

  /** True when the server closes (or resets) the socket within the time, false when it stays open. */
  private static boolean closedWithin(Socket socket, Duration time) throws IOException {
    socket.setSoTimeout((int) time.toMillis());
    try {
      return socket.getInputStream().read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private static void awaitTrue(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + ChatClient.TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      try {
        Thread.sleep(10); // polling the condition between checks, not a synchronisation sleep
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
