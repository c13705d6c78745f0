package clusterchat.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.ChatNode;
import clusterchat.testing.AdminHttp;
import clusterchat.testing.ChatClient;
import clusterchat.testing.TestNodes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config reload on one node: live keys apply now, to open connections too; bad config changes nothing. */
class ConfigReloadTest {

  private static final Path TLS = Path.of("src/test/resources/tls");

  @TempDir
  Path dir;
  private ChatNode node;

  @AfterEach
  void stopNode() {
    if (node != null) {
      node.stop().await();
    }
  }

  private Path file() {
    return dir.resolve("config.json");
  }

  /** Edits the node's config file as an operator would: section.key = value for each pair. */
  private void edit(Object... sectionKeyValue) throws IOException {
    JsonObject config = new JsonObject(Files.readString(file()));
    for (int i = 0; i < sectionKeyValue.length; i += 3) {
      String section = (String) sectionKeyValue[i];
      if (!config.containsKey(section)) {
        config.put(section, new JsonObject());
      }
      config.getJsonObject(section).put((String) sectionKeyValue[i + 1], sectionKeyValue[i + 2]);
    }
    Files.writeString(file(), config.encodePrettily());
  }

  /** Starts the node with TLS on, its certificate and key copied to dir as cert.pem and key.pem. */
  private void startWithTls() throws IOException {
    Path cert = Files.copy(TLS.resolve("cert.pem"), dir.resolve("cert.pem"));
    Path key = Files.copy(TLS.resolve("key.pem"), dir.resolve("key.pem"));
    node = TestNodes.startWithConfigFile(file(), new JsonObject().put("tls", new JsonObject().put("enabled", true)
        .put("port", 0).put("certPath", cert.toString()).put("keyPath", key.toString())));
  }

  @Test
  @DisplayName("a reload applies new limits to connections already open and a new MOTD to IRC clients")
  void liveKeysApply() throws IOException {
    node = TestNodes.startWithConfigFile(file(), new JsonObject().put("irc", new JsonObject().put("motd", "Old news")));
    try (ChatClient open = ChatClient.connect(node.port()).nick("alreadyHere")) {
      edit("limits", "rateBurst", 2, "limits", "rateLinesPerSecond", 1, "irc", "motd", "Fresh news");
      JsonObject answer = node.reload().await();
      assertEquals("applied", answer.getString("status"), answer.encodePrettily());
      assertEquals(1L, answer.getLong("version"));
      assertEquals(new JsonArray(List.of("irc.motd", "limits.rateBurst", "limits.rateLinesPerSecond")),
          answer.getJsonArray("changed"));
      assertEquals(new JsonArray(), answer.getJsonArray("restartNeeded"));
      assertEquals(2, node.config().rateBurst());

      for (int i = 0; i < 5; i++) {
        open.send("line " + i);
      }
      open.await(line -> line.startsWith("ERR RATE_LIMITED "));
    }
    try (ChatClient irc = ChatClient.connectRaw(node.ircPort())) {
      irc.send("NICK reader").send("USER reader 0 * :Reader");
      irc.await(line -> line.contains(" 372 reader :- Fresh news"));
    }
  }

  @Test
  @DisplayName("invalid config is refused whole with every key's problem (POST /admin/reload: 400); nothing changes")
  void invalidRefusedWhole() throws IOException {
    node = TestNodes.startWithConfigFile(file(), new JsonObject());
    int perIp = node.config().maxConnectionsPerIp();
    edit("limits", "maxConnectionsPerIp", 3, "limits", "rateBurst", 0, "irc", "motd", 5, "tcp", "prot", 1);
    HttpResponse<String> response = AdminHttp.post(node.adminPort(), "/admin/reload");
    assertEquals(400, response.statusCode(), response.body());
    JsonObject answer = AdminHttp.json(response);
    assertEquals("refused", answer.getString("status"));
    String problems = answer.getJsonArray("problems").encode();
    assertTrue(problems.contains("limits.rateBurst: expected an integer from 1 to 1000000, got 0"), problems);
    assertTrue(problems.contains("irc.motd: expected a string, got 5"), problems);
    assertTrue(problems.contains("unknown key \\\"tcp.prot\\\""), problems);
    assertEquals(perIp, node.config().maxConnectionsPerIp(), "a valid key of the refused file was applied");
    assertEquals(0L, AdminHttp.json(AdminHttp.get(node.adminPort(), "/admin/config")).getLong("version"));

    String metrics = AdminHttp.metrics(node.adminPort());
    assertEquals(1.0, AdminHttp.sample(metrics, "clusterchat_config_reloads_total{result=\"refused\"}"));
    assertEquals(0.0, AdminHttp.sample(metrics, "clusterchat_config_reloads_total{result=\"applied\"}"));
  }

  @Test
  @DisplayName("keys read only at start are named in the answer and left as they run")
  void restartKeysNamed() throws IOException {
    node = TestNodes.startWithConfigFile(file(), new JsonObject());
    int port = node.port();
    edit("tcp", "instances", 3, "rooms", "default", "hall");
    JsonObject answer = AdminHttp.json(AdminHttp.post(node.adminPort(), "/admin/reload"));
    assertEquals("applied", answer.getString("status"), answer.encodePrettily());
    assertEquals(new JsonArray().add("tcp.instances"), answer.getJsonArray("restartNeeded"));
    assertEquals(new JsonArray().add("rooms.default"), answer.getJsonArray("changed"));
    assertEquals(2, node.config().tcpInstances());
    assertEquals(List.of(0, 0), node.connectionsPerInstance());
    try (ChatClient newcomer = ChatClient.connect(port)) {
      newcomer.send("/who");
      newcomer.awaitPrefix("WHO hall 1 ");
    }
    String metrics = AdminHttp.metrics(node.adminPort());
    assertEquals(1.0, AdminHttp.sample(metrics, "clusterchat_config_version"));
    assertEquals(1.0, AdminHttp.sample(metrics, "clusterchat_config_reloads_total{result=\"applied\"}"));
  }

  @Test
  @DisplayName("a reload reads the TLS certificate again: new handshakes get the new one, open TLS sessions go on")
  void certificateRotation() throws IOException {
    startWithTls();
    try (ChatClient before = ChatClient.connectTls(node.tlsPort())) {
      assertEquals("CN=localhost", before.tlsPeerSubject());

      Files.copy(TLS.resolve("rotated-cert.pem"), dir.resolve("cert.pem"), StandardCopyOption.REPLACE_EXISTING);
      Files.copy(TLS.resolve("rotated-key.pem"), dir.resolve("key.pem"), StandardCopyOption.REPLACE_EXISTING);
      JsonObject answer = node.reload().await();
      assertEquals("applied", answer.getString("status"), answer.encodePrettily());

      try (ChatClient after = ChatClient.connectTls(node.tlsPort())) {
        assertEquals("CN=rotated.localhost", after.tlsPeerSubject());
      }
      before.send("/who");
      before.awaitPrefix("WHO lobby ");
    }
  }

  @Test
  @DisplayName("an unreadable certificate refuses the reload, naming the keys; TLS goes on with the old one")
  void badCertificateRefused() throws IOException {
    startWithTls();
    Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
    edit("limits", "rateBurst", 7);
    JsonObject answer = node.reload().await();
    assertEquals("refused", answer.getString("status"), answer.encodePrettily());
    assertTrue(answer.getJsonArray("problems").getString(0).startsWith("tls.certPath, tls.keyPath: cannot use"),
        answer.encodePrettily());
    assertEquals(1000, node.config().rateBurst(), "the rest of the refused config was applied");
    try (ChatClient client = ChatClient.connectTls(node.tlsPort())) {
      assertEquals("CN=localhost", client.tlsPeerSubject());
    }
  }
}
