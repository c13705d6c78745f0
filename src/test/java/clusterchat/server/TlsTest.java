package clusterchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.nio.charset.StandardCharsets;
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
}
