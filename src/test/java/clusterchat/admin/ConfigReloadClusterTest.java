package clusterchat.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.ChatNode;
import clusterchat.testing.AdminHttp;
import clusterchat.testing.ChatClient;
import clusterchat.testing.IrcTestClient;
import clusterchat.testing.TestCluster;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reload on one node of a real in-JVM cluster applies on every node, and each says which version it runs. */
class ConfigReloadClusterTest {

  @TempDir
  Path dir;

  @Test
  @DisplayName("a reload on node 1 applies on node 2 (limits, MOTD), GET /admin/config shows both at the version, a joiner adopts it")
  void pushedToEveryNode() throws IOException {
    try (TestCluster cluster = TestCluster.start(0, new JsonObject())) {
      ChatNode first = cluster.addNodeWithConfigFile(dir.resolve("node1.json"), new JsonObject());
      ChatNode second = cluster.addNodeWithConfigFile(dir.resolve("node2.json"), new JsonObject());

      Path firstFile = dir.resolve("node1.json");
      JsonObject edited = new JsonObject(Files.readString(firstFile));
      edited.getJsonObject("limits").put("maxConnectionsPerIp", 2);
      edited.put("irc", edited.getJsonObject("irc").put("motd", "Cluster-wide news"));
      Files.writeString(firstFile, edited.encodePrettily());

      JsonObject answer = first.reload().await();
      assertEquals("applied", answer.getString("status"), answer.encodePrettily());
      assertEquals(1L, answer.getLong("version"));
      assertEquals(List.of(1L, 1L), answer.getJsonArray("nodes").stream()
          .map(ack -> ((JsonObject) ack).getLong("version")).toList(), answer.encodePrettily());
      assertEquals(2, second.config().maxConnectionsPerIp());

      try (IrcTestClient irc = IrcTestClient.register(second.ircPort(), "reader")) {
        irc.send("MOTD");
        irc.awaitContaining(" 372 reader :- Cluster-wide news");
        // The pushed per-IP limit holds on node 2, whose own file still says 100000: the IRC client
        // and one plain client are its two (each counted before the next connects).
        try (ChatClient plain = ChatClient.connect(second.port()); ChatClient third = ChatClient.connectRaw(second.port())) {
          assertEquals(List.of("BYE TOO_MANY_CONNECTIONS 127.0.0.1 already has 2 connections to this node"),
              third.awaitClosed());
        }
      }

      JsonObject status = AdminHttp.json(AdminHttp.get(second.adminPort(), "/admin/config"));
      assertEquals(1L, status.getLong("version"));
      assertEquals("n1", status.getString("by"));
      assertEquals(2, status.getJsonObject("settings").getInteger("limits.maxConnectionsPerIp"));
      assertTrue(status.getBoolean("converged"), status.encodePrettily());
      assertEquals(List.of("n1", "n2"), status.getJsonArray("nodes").stream()
          .map(ack -> ((JsonObject) ack).getString("node")).sorted().toList());

      ChatNode joiner = cluster.addNodeWithConfigFile(dir.resolve("node3.json"), new JsonObject());
      assertEquals(2, joiner.config().maxConnectionsPerIp());
      JsonObject withJoiner = joiner.configStatus().await();
      assertTrue(withJoiner.getBoolean("converged"), withJoiner.encodePrettily());
      assertEquals(3, withJoiner.getJsonArray("nodes").size());
    }
  }

  @Test
  @DisplayName("a node whose own file has a key changed that needs a restart says so in its acknowledgement")
  void restartNeededPerNode() throws IOException {
    try (TestCluster cluster = TestCluster.start(0, new JsonObject())) {
      ChatNode first = cluster.addNodeWithConfigFile(dir.resolve("node1.json"), new JsonObject());
      cluster.addNodeWithConfigFile(dir.resolve("node2.json"), new JsonObject());
      Path secondFile = dir.resolve("node2.json");
      JsonObject edited = new JsonObject(Files.readString(secondFile));
      edited.getJsonObject("tcp").put("instances", 1);
      Files.writeString(secondFile, edited.encodePrettily());

      JsonObject answer = first.reload().await();
      JsonObject secondAck = answer.getJsonArray("nodes").stream().map(JsonObject.class::cast)
          .filter(ack -> ack.getString("node").equals("n2")).findFirst().orElseThrow();
      assertEquals(List.of("tcp.instances"), secondAck.getJsonArray("restartNeeded").getList(), answer.encodePrettily());
      assertEquals(List.of(), answer.getJsonArray("restartNeeded").getList());
    }
  }
}
