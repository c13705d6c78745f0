package clusterchat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.testing.AdminHttp;
import clusterchat.testing.ChatClient;
import clusterchat.testing.ProcessRunner;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real jar, started by the real scripts, in its own process, over TCP. */
class ServerProcessIT {

  /**
   * The IRC listeners and the web chat on free ports, and with OTHER_LISTENERS_ON_FREE_PORTS the
   * admin listener too, so these servers never clash with each other, with other tests' servers or
   * with an IRC, web or admin server here.
   */
  private static final Map<String, String> OTHER_LISTENERS_WITHOUT_ADMIN = Map.of("CHAT_IRC_PORT", "0",
      "CHAT_IRC_TLS_PORT", "0", "CHAT_HTTP_PORT", "0");
  private static final Map<String, String> OTHER_LISTENERS_ON_FREE_PORTS =
      withEnv(OTHER_LISTENERS_WITHOUT_ADMIN, "CHAT_ADMIN_PORT", "0");

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  @Test
  @DisplayName("scripts/start.sh serves chat and its admin listener, and SIGTERM says goodbye to clients and exits 0")
  void startChatAndTerminate() throws IOException {
    int port = ProcessRunner.freePort();
    int adminPort = ProcessRunner.freePort();
    try (ProcessRunner server = ProcessRunner.start(List.of("scripts/start.sh", "--port", String.valueOf(port)),
        withEnv(OTHER_LISTENERS_ON_FREE_PORTS, "CHAT_ADMIN_PORT", String.valueOf(adminPort)))) {
      server.awaitOutput(line -> line.contains("listening on 127.0.0.1:" + port)
          && line.contains("admin on 127.0.0.1:" + adminPort), START_TIMEOUT);
      try (ChatClient alice = ChatClient.connect(port); ChatClient bob = ChatClient.connect(port)) {
        alice.nick("alice");
        bob.nick("bob");
        alice.send("hello from a real process");
        bob.awaitLine("MSG lobby alice hello from a real process");
        assertEquals(200, AdminHttp.get(adminPort, "/ready").statusCode());
        JsonArray connections = AdminHttp.json(AdminHttp.get(adminPort, "/connz")).getJsonArray("connections");
        assertEquals(List.of("alice", "bob"), connections.stream().map(c -> ((JsonObject) c).getString("nick")).toList());
        String metrics = AdminHttp.metrics(adminPort);
        assertEquals(2, AdminHttp.sample(metrics, "clusterchat_connections{listener=\"plain\"}"));
        assertEquals(2, AdminHttp.sample(metrics, "clusterchat_cluster_users"));

        server.terminate();
        for (ChatClient client : List.of(alice, bob)) {
          List<String> last = client.awaitClosed();
          assertEquals("BYE SHUTDOWN the server is shutting down", last.get(last.size() - 1));
        }
        assertEquals(0, server.awaitExit(Duration.ofSeconds(30)), server.output().toString());
      }
    }
  }

  @Test
  @DisplayName("the bundled client works in a pipe: echo /who | scripts/client.sh prints the answer")
  void clientInAPipe() throws IOException {
    int port = ProcessRunner.freePort();
    try (ProcessRunner server = ProcessRunner.start(List.of("java", "-jar", ProcessRunner.jar(), "--port",
        String.valueOf(port)), OTHER_LISTENERS_ON_FREE_PORTS)) {
      server.awaitOutput(line -> line.contains("listening on"), START_TIMEOUT);
      try (ChatClient present = ChatClient.connect(port)) {
        present.nick("present");
        try (ProcessRunner client = ProcessRunner.start(
            List.of("bash", "-c", "echo /who | scripts/client.sh --port " + port), Map.of())) {
          assertEquals(0, client.awaitExit(Duration.ofSeconds(60)), client.output().toString());
          String who = client.output().stream().filter(l -> l.startsWith("WHO lobby 2 ")).findFirst().orElse("");
          assertTrue(who.contains(" present"), client.output().toString());
          assertEquals("BYE QUIT goodbye", client.output().get(client.output().size() - 1));
        }
      }
      server.terminate();
      assertEquals(0, server.awaitExit(Duration.ofSeconds(30)));
    }
  }

  @Test
  @DisplayName("a clustered node whose admin port is taken exits 1 naming the problem, instead of hanging")
  void clusteredNodeWithAPortTaken(@TempDir Path dir) throws IOException {
    int hazelcastPort = ProcessRunner.freePort();
    Path config = dir.resolve("node.json");
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Files.writeString(config, "{\"tcp\": {\"port\": 0}, \"admin\": {\"port\": " + taken.getLocalPort() + "}, "
          + "\"cluster\": {\"enabled\": true, \"name\": \"taken-it-" + ProcessHandle.current().pid()
          + "\", \"port\": " + hazelcastPort + ", \"members\": \"127.0.0.1:" + hazelcastPort + "\"}}");
      try (ProcessRunner server = ProcessRunner.start(
          List.of("java", "-jar", ProcessRunner.jar(), "--config", config.toString()), OTHER_LISTENERS_WITHOUT_ADMIN)) {
        assertEquals(1, server.awaitExit(START_TIMEOUT), server.output().toString());
        assertTrue(server.output().stream().anyMatch(line -> line.contains("could not start the node")
            && line.contains("Address already in use")), server.output().toString());
      }
    }
  }

  @Test
  @DisplayName("the client exits 1 with a clear message when the server goes away")
  void clientNoticesServerGone() throws IOException {
    int port = ProcessRunner.freePort();
    try (ProcessRunner refused = ProcessRunner.start(
        List.of("java", "-jar", ProcessRunner.jar(), "client", "--port", String.valueOf(port)), Map.of())) {
      assertEquals(1, refused.awaitExit(Duration.ofSeconds(30)));
      assertTrue(refused.output().stream().anyMatch(l -> l.contains("cannot connect to 127.0.0.1:" + port)),
          refused.output().toString());
    }
  }

  @Test
  @DisplayName("overrides apply in order: file, then CHAT_ environment, then -Dchat. properties, then flags")
  void overrideOrder(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("node.json");
    Files.writeString(file, "{\"tcp\": {\"port\": 7101, \"instances\": 3}, \"rooms\": {\"default\": \"hall\"}}");
    String config = file.toString();
    assertEquals(7101, checkedPort(List.of("--config", config), List.of(), Map.of()));
    assertEquals(7102, checkedPort(List.of("--config", config), List.of(), Map.of("CHAT_TCP_PORT", "7102")));
    assertEquals(7103, checkedPort(List.of("--config", config), List.of("-Dchat.tcp.port=7103"),
        Map.of("CHAT_TCP_PORT", "7102")));
    assertEquals(7104, checkedPort(List.of("--config", config, "--port", "7104"), List.of("-Dchat.tcp.port=7103"),
        Map.of("CHAT_TCP_PORT", "7102")));
  }

  private static int checkedPort(List<String> args, List<String> jvmArgs, Map<String, String> env) throws IOException {
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(jvmArgs);
    command.addAll(List.of("-jar", ProcessRunner.jar(), "server", "--check-config"));
    command.addAll(args);
    try (ProcessRunner check = ProcessRunner.start(command, env)) {
      assertEquals(0, check.awaitExit(Duration.ofSeconds(30)), check.output().toString());
      String json = String.join("\n", check.output());
      JsonObject effective = new JsonObject(json.substring(json.indexOf('{')));
      assertEquals("hall", effective.getJsonObject("rooms").getString("default"));
      assertEquals(3, effective.getJsonObject("tcp").getInteger("instances"));
      return effective.getJsonObject("tcp").getInteger("port");
    }
  }

  @Test
  @DisplayName("a bad config file exits non-zero naming the file, the key and the problem")
  void badConfigFiles(@TempDir Path dir) throws IOException {
    assertConfigError(dir, "{\"tcp\": {\"port\": 70000}}", "tcp.port: expected an integer from 0 to 65535, got 70000");
    assertConfigError(dir, "{\"tcp\": {\"prot\": 7000}}", "unknown key \"tcp.prot\"");
    assertConfigError(dir, "{\"tcp\": {\"port\": \"7000\"}}", "tcp.port: expected an integer from 0 to 65535, got \"7000\"");
    assertConfigError(dir, "{\"tcp\": {\"port\": 7000,}", "invalid JSON");
    assertConfigError(dir, "{\"rooms\": {\"default\": \"no spaces\"}}", "rooms.default");
  }

  private static void assertConfigError(Path dir, String content, String expected) throws IOException {
    Path file = Files.createTempFile(dir, "bad", ".json");
    Files.writeString(file, content);
    try (ProcessRunner run = ProcessRunner.start(
        List.of("java", "-jar", ProcessRunner.jar(), "--config", file.toString(), "--check-config"), Map.of())) {
      assertEquals(2, run.awaitExit(Duration.ofSeconds(30)), run.output().toString());
      String out = String.join("\n", run.output());
      assertTrue(out.contains(file + ": ") && out.contains(expected), out);
    }
  }

  @Test
  @DisplayName("admin.token from the environment applies, and --check-config does not print it")
  void adminTokenHidden() throws IOException {
    String token = "from-the-environment-0123456789";
    try (ProcessRunner check = ProcessRunner.start(List.of("java", "-jar", ProcessRunner.jar(), "--check-config"),
        Map.of("CHAT_ADMIN_TOKEN", token))) {
      assertEquals(0, check.awaitExit(Duration.ofSeconds(30)), check.output().toString());
      String json = String.join("\n", check.output());
      assertEquals("(hidden)", new JsonObject(json.substring(json.indexOf('{'))).getJsonObject("admin").getString("token"));
      assertFalse(json.contains(token), json);
    }
  }

  @Test
  @DisplayName("a bad environment override names the variable")
  void badEnvironmentOverride() throws IOException {
    try (ProcessRunner run = ProcessRunner.start(
        List.of("java", "-jar", ProcessRunner.jar(), "--check-config"), Map.of("CHAT_LIMITS_RATE_BURST", "lots"))) {
      assertEquals(2, run.awaitExit(Duration.ofSeconds(30)));
      String out = String.join("\n", run.output());
      assertTrue(out.contains("environment variable CHAT_LIMITS_RATE_BURST (limits.rateBurst): expected an integer"), out);
    }
  }

  @Test
  @DisplayName("the client speaks TLS with --tls --insecure, and refuses an untrusted certificate without it")
  void clientOverTls(@TempDir Path dir) throws IOException {
    int port = ProcessRunner.freePort();
    int tlsPort = ProcessRunner.freePort();
    Path config = dir.resolve("tls.json");
    Files.writeString(config, "{\"tcp\": {\"port\": " + port + "}, \"tls\": {\"enabled\": true, \"port\": " + tlsPort
        + ", \"certPath\": \"src/test/resources/tls/cert.pem\", \"keyPath\": \"src/test/resources/tls/key.pem\"}}");
    try (ProcessRunner server = ProcessRunner.start(
        List.of("java", "-jar", ProcessRunner.jar(), "--config", config.toString()), OTHER_LISTENERS_ON_FREE_PORTS)) {
      server.awaitOutput(line -> line.contains("TLS on 127.0.0.1:" + tlsPort), START_TIMEOUT);
      try (ProcessRunner client = ProcessRunner.start(List.of("bash", "-c", "echo /rooms | java -jar "
          + ProcessRunner.jar() + " client --port " + tlsPort + " --tls --insecure"), Map.of())) {
        assertEquals(0, client.awaitExit(Duration.ofSeconds(60)), client.output().toString());
        assertTrue(client.output().contains("ROOMS 1 lobby:1"), client.output().toString());
      }
      try (ProcessRunner strict = ProcessRunner.start(List.of("bash", "-c", "echo /rooms | java -jar "
          + ProcessRunner.jar() + " client --port " + tlsPort + " --tls"), Map.of())) {
        assertEquals(1, strict.awaitExit(Duration.ofSeconds(60)));
        assertTrue(strict.output().stream().anyMatch(l -> l.contains("cannot connect to 127.0.0.1:" + tlsPort)),
            strict.output().toString());
      }
      server.terminate();
      assertEquals(0, server.awaitExit(Duration.ofSeconds(30)));
    }
  }

  /** env with one more variable (or another value for it). */
  private static Map<String, String> withEnv(Map<String, String> env, String name, String value) {
    Map<String, String> more = new HashMap<>(env);
    more.put(name, value);
    return Map.copyOf(more);
  }
}
