package clusterchat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.testing.AdminHttp;
import clusterchat.testing.ChatClient;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Config reload on a real 2-process cluster started by scripts/cluster.sh: SIGHUP to node 1 after
 * its file changed reaches node 2, and node 2's POST /admin/reload of a broken file changes nothing.
 */
class ConfigReloadIT {

  private static final Path DIR = Path.of("target/cluster");

  @Test
  @DisplayName("SIGHUP on node 1 applies its new limits and MOTD on node 2; a broken file is refused with a 400")
  void sighupReachesTheCluster() throws Exception {
    Map<String, String> env = PortRanges.clusterEnv("reload", Map.of());
    int chatBase = Integer.parseInt(env.get("CLUSTER_CHAT_BASE_PORT"));
    int ircBase = Integer.parseInt(env.get("CLUSTER_IRC_BASE_PORT"));
    int adminBase = Integer.parseInt(env.get("CLUSTER_ADMIN_BASE_PORT"));
    try {
      PortRanges.run(List.of("scripts/cluster.sh", "start", "2"), env, Duration.ofSeconds(180));
      AdminHttp.awaitStatus(adminBase + 1, "/ready", 200, Duration.ofSeconds(60));
      AdminHttp.awaitStatus(adminBase + 2, "/ready", 200, Duration.ofSeconds(60));
      AdminHttp.awaitJson(adminBase + 2, "/admin/config", status -> status.getJsonArray("nodes").size() == 2);

      edit(DIR.resolve("node1.json"), "limits", "maxConnectionsPerIp", 2);
      edit(DIR.resolve("node1.json"), "irc", "motd", "Reloaded by SIGHUP");
      long pid = Long.parseLong(Files.readString(DIR.resolve("node1.pid")).strip());
      Process hup = new ProcessBuilder("kill", "-HUP", Long.toString(pid)).inheritIO().start();
      assertEquals(0, hup.waitFor());

      JsonObject status = AdminHttp.awaitJson(adminBase + 2, "/admin/config",
          answer -> answer.getLong("version") == 1 && answer.getBoolean("converged"));
      assertEquals("node1", status.getString("by"));
      assertEquals(2, status.getJsonObject("settings").getInteger("limits.maxConnectionsPerIp"));

      try (ChatClient irc = ChatClient.connectRaw(ircBase + 2)) {
        irc.send("NICK reader").send("USER reader 0 * :Reader");
        irc.await(line -> line.contains(" 372 reader :- Reloaded by SIGHUP"));
        try (ChatClient plain = ChatClient.connect(chatBase + 2); ChatClient third = ChatClient.connectRaw(chatBase + 2)) {
          assertEquals(List.of("BYE TOO_MANY_CONNECTIONS 127.0.0.1 already has 2 connections to this node"),
              third.awaitClosed());
        }
      }

      edit(DIR.resolve("node2.json"), "limits", "rateBurst", "many");
      HttpResponse<String> refused = AdminHttp.post(adminBase + 2, "/admin/reload");
      assertEquals(400, refused.statusCode(), refused.body());
      String problems = AdminHttp.json(refused).getJsonArray("problems").encode();
      assertTrue(problems.contains("limits.rateBurst: expected an integer from 1 to 1000000, got \\\"many\\\""), problems);
      assertEquals(1L, AdminHttp.json(AdminHttp.get(adminBase + 1, "/admin/config")).getLong("version"));
      String log = Files.readString(DIR.resolve("node1.log"));
      assertTrue(log.contains("config reloaded: version 1, changed [irc.motd, limits.maxConnectionsPerIp]"), log);
    } finally {
      PortRanges.run(List.of("scripts/cluster.sh", "stop"), env, Duration.ofSeconds(60));
    }
  }

  private static void edit(Path file, String section, String key, Object value) throws IOException {
    JsonObject config = new JsonObject(Files.readString(file));
    if (!config.containsKey(section)) {
      config.put(section, new JsonObject());
    }
    config.getJsonObject(section).put(key, value);
    Files.writeString(file, config.encodePrettily());
  }
}
