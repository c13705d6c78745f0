package clusterchat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.testing.AdminHttp;
import clusterchat.testing.ChatClient;
import clusterchat.testing.ProcessRunner;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TimeBot run by the real 'worker' command, in its own process, joined to a real chat node. */
class WorkerProcessIT {

  @Test
  @DisplayName("'clusterchat worker' joins a running chat node's cluster, its bot answers users, its admin listener is ready")
  void workerRunsTheBot(@TempDir Path dir) throws IOException {
    int chatPort = ProcessRunner.freePort();
    int nodePort = ProcessRunner.freePort();
    int workerPort = ProcessRunner.freePort();
    int workerAdminPort = ProcessRunner.freePort();
    String cluster = "\"cluster\": {\"enabled\": true, \"name\": \"worker-it-" + ProcessHandle.current().pid()
        + "\", \"members\": \"127.0.0.1:" + nodePort + ",127.0.0.1:" + workerPort + "\", \"port\": %d}";
    Path nodeConfig = dir.resolve("node.json");
    Files.writeString(nodeConfig, "{\"tcp\": {\"port\": " + chatPort + "}, \"irc\": {\"port\": 0}, "
        + "\"http\": {\"port\": 0}, \"admin\": {\"port\": 0}, " + cluster.formatted(nodePort) + "}");
    Path workerConfig = dir.resolve("worker.json");
    Files.writeString(workerConfig, "{" + cluster.formatted(workerPort) + ", \"admin\": {\"port\": " + workerAdminPort
        + "}, \"integrations\": {"
        + "\"verticles\": \"clusterchat.integrations.TimeBot\", \"botName\": \"ticker\", \"botRooms\": \"lobby\"}}");

    try (ProcessRunner node = ProcessRunner.start(
            List.of("java", "-jar", ProcessRunner.jar(), "server", "--config", nodeConfig.toString()), Map.of());
         ProcessRunner worker = ProcessRunner.start(
            List.of("java", "-jar", ProcessRunner.jar(), "worker", "--config", workerConfig.toString()), Map.of())) {
      node.awaitOutput(line -> line.contains("listening on"), Duration.ofSeconds(90));
      worker.awaitOutput(line -> line.contains("ClusterChat worker") && line.contains("TimeBot"), Duration.ofSeconds(90));
      try (ChatClient user = ChatClient.connect(chatPort)) {
        user.nick("asker");
        user.send("!who");
        user.awaitLine("BOT lobby ticker 1 in lobby: asker");
      }
      worker.awaitOutput(line -> line.contains("admin on 127.0.0.1:" + workerAdminPort), Duration.ofSeconds(5));
      JsonObject ready = AdminHttp.json(AdminHttp.awaitStatus(workerAdminPort, "/ready", 200, Duration.ofSeconds(60)));
      assertEquals(new JsonObject().put("cluster", "ok").put("directory", "ok"), ready.getJsonObject("checks"));
      assertEquals(2, AdminHttp.sample(AdminHttp.metrics(workerAdminPort), "clusterchat_cluster_members"));
      worker.terminate();
      assertEquals(0, worker.awaitExit(Duration.ofSeconds(30)), worker.output().toString());
      node.terminate();
      assertEquals(0, node.awaitExit(Duration.ofSeconds(30)), node.output().toString());
    }
  }

  @Test
  @DisplayName("a worker without cluster.enabled refuses to start with a clear message")
  void workerNeedsCluster() throws IOException {
    try (ProcessRunner worker = ProcessRunner.start(List.of("java", "-jar", ProcessRunner.jar(), "worker"), Map.of())) {
      assertEquals(1, worker.awaitExit(Duration.ofSeconds(30)));
      assertTrue(worker.output().stream().anyMatch(l -> l.contains("set cluster.enabled to true")), worker.output().toString());
    }
  }
}
