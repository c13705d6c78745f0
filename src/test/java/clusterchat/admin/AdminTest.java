package clusterchat.admin;

import static clusterchat.testing.AdminHttp.get;
import static clusterchat.testing.AdminHttp.json;
import static clusterchat.testing.AdminHttp.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.ChatNode;
import clusterchat.testing.AdminHttp;
import clusterchat.testing.ChatClient;
import clusterchat.testing.IrcTestClient;
import clusterchat.testing.KernelSockets;
import clusterchat.testing.TestNodes;
import clusterchat.testing.WebChatClient;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The admin listener of a real single node, over real HTTP, with real chat clients. */
class AdminTest {

  private static final String TOKEN = "admin-test-token-0123456789";

  private final List<ChatNode> nodes = new ArrayList<>();
  private final List<ChatClient> clients = new ArrayList<>();

  @AfterEach
  void tearDown() throws IOException {
    for (ChatClient client : clients) {
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

  private ChatClient connect(int port) throws IOException {
    ChatClient client = ChatClient.connect(port);
    clients.add(client);
    return client;
  }

  @Test
  @DisplayName("/health and /ready answer 200 on a running node; ready names each check; bound to admin.host only")
  void healthAndReady() throws IOException {
    ChatNode node = node(new JsonObject());
    assertEquals(List.of("127.0.0.1"), KernelSockets.localPort(node.adminPort()).stream()
        .filter(socket -> socket.state().equals(KernelSockets.LISTEN))
        .map(KernelSockets.Row::address)
        .toList());
    HttpResponse<String> health = get(node.adminPort(), "/health");
    assertEquals(200, health.statusCode(), health.body());
    assertEquals("UP", json(health).getString("status"));
    assertTrue(json(health).getInteger("eventLoops") > 0, health.body());

    HttpResponse<String> ready = get(node.adminPort(), "/ready");
    assertEquals(200, ready.statusCode(), ready.body());
    assertEquals(new JsonObject().put("ready", true)
        .put("checks", new JsonObject().put("listeners", "ok").put("directory", "ok")), json(ready));
    assertEquals("application/json", ready.headers().firstValue("content-type").orElse(""));
  }

  @Test
  @DisplayName("/health answers 503 naming an event loop that is blocked, and 200 again once it runs")
  void healthNamesABlockedEventLoop() throws Exception {
    ChatNode node = node(new JsonObject());
    VertxInternal vertx = (VertxInternal) node.vertx();
    EventExecutor adminLoop = adminContext(vertx).nettyEventLoop();
    EventExecutor victim = null;
    for (EventExecutor loop : vertx.nettyEventLoopGroup()) {
      if (loop != adminLoop) {
        victim = loop;
      }
    }
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> blocked = new CompletableFuture<>();
    victim.execute(() -> {
      blocked.complete(Thread.currentThread().getName());
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    try {
      HttpResponse<String> stuck = get(node.adminPort(), "/health");
      assertEquals(503, stuck.statusCode(), stuck.body());
      assertEquals("DOWN", json(stuck).getString("status"));
      assertEquals(new JsonArray().add(blocked.get()), json(stuck).getJsonArray("unresponsive"));
    } finally {
      release.countDown();
    }
    assertEquals(200, get(node.adminPort(), "/health").statusCode());
  }

  /** The context the admin verticle runs on, found through Vert.x's internal deployment list. */
  private static ContextInternal adminContext(VertxInternal vertx) {
    return vertx.deploymentManager().deployments().stream()
        .map(deployment -> deployment.deployment())
        .filter(deployment -> deployment.instances().stream().anyMatch(AdminVerticle.class::isInstance))
        .flatMap(deployment -> deployment.contexts().stream())
        .map(ContextInternal.class::cast)
        .findFirst()
        .orElseThrow();
  }

  @Test
  @DisplayName("with admin.token every path but /health needs the bearer token, else 401")
  void tokenEnforced() {
    ChatNode node = node(new JsonObject().put("admin", new JsonObject().put("token", TOKEN)));
    int port = node.adminPort();
    assertEquals(200, get(port, "/health").statusCode());
    for (String path : List.of("/ready", "/metrics", "/connz", "/no-such-path")) {
      for (String token : new String[] {null, "wrong-token-0123456789", TOKEN + "x"}) {
        HttpResponse<String> refused = get(port, path, token);
        assertEquals(401, refused.statusCode(), path + " with " + token);
        assertEquals("Bearer realm=\"clusterchat-admin\"", refused.headers().firstValue("www-authenticate").orElse(""));
      }
    }
    assertEquals(200, get(port, "/ready", TOKEN).statusCode());
    assertEquals(200, get(port, "/metrics", TOKEN).statusCode());
    assertEquals(200, get(port, "/connz", TOKEN).statusCode());
    assertEquals(404, get(port, "/no-such-path", TOKEN).statusCode());
  }

  @Test
  @DisplayName("admin.enabled false runs no admin listener")
  void disabled() {
    ChatNode node = node(new JsonObject().put("admin", new JsonObject().put("enabled", false)));
    assertEquals(-1, node.adminPort());
  }

  @Test
  @DisplayName("/metrics counts connections per listener, lines in and out, deliveries, users, rooms, event-bus timeouts")
  void metricsFollowChatTraffic() throws Exception {
    ChatNode node = node(new JsonObject().put("tls", new JsonObject().put("enabled", true).put("port", 0)
        .put("certPath", "src/test/resources/tls/cert.pem").put("keyPath", "src/test/resources/tls/key.pem")));
    int port = node.adminPort();
    ChatClient alice = connect(node.port()).nick("alice");
    ChatClient bob = ChatClient.connectTls(node.tlsPort());
    clients.add(bob);
    bob.nick("bob");
    alice.awaitLine("NICK lobby " + bob.nick() + " bob");
    String before = AdminHttp.metrics(port);
    assertEquals(1, sample(before, "clusterchat_connections{listener=\"plain\"}"));
    assertEquals(1, sample(before, "clusterchat_connections{listener=\"tls\"}"));
    assertEquals(2, sample(before, "clusterchat_cluster_users"));
    assertEquals(1, sample(before, "clusterchat_cluster_rooms"));
    assertEquals(1, sample(before, "clusterchat_rooms_hosted"));
    assertEquals(1, sample(before, "clusterchat_cluster_members"));

    alice.send("hi bob");
    bob.awaitLine("MSG lobby alice hi bob");
    String after = AdminHttp.metrics(port);
    assertEquals(1, delta(before, after, "clusterchat_lines_in_total"));
    assertEquals(1, delta(before, after, "clusterchat_lines_out_total"));
    assertEquals(1, delta(before, after, "clusterchat_deliveries_total"));

    bob.send("/quit");
    bob.awaitClosed();
    AdminHttp.awaitSample(port, "clusterchat_connections{listener=\"tls\"}", open -> open == 0);
    AdminHttp.awaitSample(port, "clusterchat_cluster_users", users -> users == 1);
    assertEquals(1, delta(before, AdminHttp.metrics(port), "clusterchat_closes_total{reason=\"QUIT\"}"));

    MessageConsumer<Object> silent = node.vertx().eventBus().consumer("admin-test.silent", message -> { });
    silent.completion().await();
    Future<Message<Object>> unanswered = node.vertx().eventBus().request("admin-test.silent", "anyone?",
        new DeliveryOptions().setSendTimeout(100));
    ReplyException timeout = assertThrows(ReplyException.class, unanswered::await);
    assertEquals(ReplyFailure.TIMEOUT, timeout.failureType());
    assertEquals(1, delta(before, AdminHttp.metrics(port), "clusterchat_eventbus_reply_failures_total{failure=\"TIMEOUT\"}"));

    for (String jvm : List.of("jvm_memory_used_bytes{", "jvm_gc_memory_allocated_bytes_total ", "jvm_threads_live_threads ",
        "jvm_classes_loaded_classes ", "process_uptime_seconds ", "process_files_open_files ", "system_cpu_usage ")) {
      assertTrue(after.contains(jvm), "no " + jvm + " in /metrics");
    }
  }

  @Test
  @DisplayName("/metrics counts IRC, IRC-over-TLS and web chat connections by listener, and room lines to them as deliveries")
  void metricsCountEveryProtocol() throws Exception {
    ChatNode node = node(new JsonObject().put("tls", new JsonObject().put("enabled", true).put("port", 0)
        .put("certPath", "src/test/resources/tls/cert.pem").put("keyPath", "src/test/resources/tls/key.pem"))
        .put("irc", new JsonObject().put("tlsPort", 0)));
    int port = node.adminPort();
    ChatClient alice = connect(node.port()).nick("alice");
    IrcTestClient irc = IrcTestClient.register(node.ircPort(), "ircUser").join("#lobby");
    ChatClient ircTls = ChatClient.connectTlsRaw(node.ircTlsPort());
    clients.add(ircTls);
    ircTls.send("NICK tlsUser");
    ircTls.send("USER tlsuser 0 * :Real tlsUser");
    ircTls.await(line -> line.contains(" 001 tlsUser "));
    ircTls.send("JOIN #lobby");
    ircTls.await(line -> line.contains(" 366 tlsUser #lobby "));
    WebChatClient web = WebChatClient.connect(node.httpPort()).nick("webUser");
    try (irc; web) {
      // Every earlier line has reached everyone once all have this one.
      alice.send("sync");
      awaitEveryone(irc, ircTls, web, "sync");
      String before = AdminHttp.metrics(port);
      for (String listener : List.of("plain", "irc", "irc-tls", "web")) {
        assertEquals(1, sample(before, "clusterchat_connections{listener=\"" + listener + "\"}"), listener);
      }
      assertEquals(0, sample(before, "clusterchat_connections{listener=\"tls\"}"));
      assertEquals(List.of("plain", "irc", "irc-tls", "web"), json(get(port, "/connz")).getJsonArray("connections")
          .stream().map(c -> ((JsonObject) c).getString("listener")).toList());
      assertEquals(new JsonObject().put("ready", true)
          .put("checks", new JsonObject().put("listeners", "ok").put("directory", "ok")), json(get(port, "/ready")));

      alice.send("hi all");
      awaitEveryone(irc, ircTls, web, "hi all");
      String after = AdminHttp.metrics(port);
      assertEquals(1, delta(before, after, "clusterchat_lines_in_total"));
      assertEquals(3, delta(before, after, "clusterchat_deliveries_total"));
      assertEquals(3, delta(before, after, "clusterchat_lines_out_total"));

      irc.send("QUIT :done");
      irc.awaitClosed();
      AdminHttp.awaitSample(port, "clusterchat_connections{listener=\"irc\"}", open -> open == 0);
      assertEquals(1, delta(before, AdminHttp.metrics(port), "clusterchat_closes_total{reason=\"QUIT\"}"));
    }
    AdminHttp.awaitSample(port, "clusterchat_connections{listener=\"web\"}", open -> open == 0);
  }

  /** Waits until the IRC client, the IRC-over-TLS client and the web client have alice's line. */
  private static void awaitEveryone(IrcTestClient irc, ChatClient ircTls, WebChatClient web, String text) {
    irc.awaitContaining(" PRIVMSG #lobby :" + text);
    ircTls.await(line -> line.endsWith(" PRIVMSG #lobby :" + text));
    web.awaitLine("MSG lobby alice " + text);
  }

  private static double delta(String before, String after, String series) {
    return sample(after, series) - sample(before, series);
  }

  @Test
  @DisplayName("/connz lists the node's connections oldest first with nick, address, rooms, pending bytes, idle time; paged")
  void connectionList() throws IOException {
    ChatNode node = node(new JsonObject());
    int port = node.adminPort();
    Instant start = Instant.now().minusSeconds(1);
    ChatClient alice = connect(node.port()).nick("alice").join("dev");
    List<String> nicks = new ArrayList<>(List.of("alice"));
    for (int i = 0; i < 4; i++) {
      nicks.add(connect(node.port()).nick());
    }
    HttpResponse<String> response = get(port, "/connz");
    assertEquals(200, response.statusCode(), response.body());
    JsonObject page = json(response);
    assertEquals(node.nodeId(), page.getString("node"));
    assertEquals(5, page.getInteger("total"));
    assertEquals(0, page.getInteger("offset"));
    assertEquals(100, page.getInteger("limit"));
    JsonArray connections = page.getJsonArray("connections");
    assertEquals(nicks, connections.stream().map(c -> ((JsonObject) c).getString("nick")).toList());

    JsonObject first = connections.getJsonObject(0);
    assertEquals(node.nodeId() + "/1", first.getString("id"));
    assertEquals("plain", first.getString("listener"));
    assertEquals("127.0.0.1", first.getString("ip"));
    assertEquals(alice.localPort(), first.getInteger("port"));
    assertEquals(List.of("lobby", "dev"), first.getJsonArray("rooms").getList());
    assertEquals(0, first.getLong("pendingBytes"));
    assertTrue(first.getLong("idleSeconds") >= 0 && first.getLong("idleSeconds") < ChatClient.TIMEOUT.toSeconds(),
        first.encode());
    Instant since = Instant.parse(first.getString("connectedSince"));
    assertTrue(!since.isBefore(start) && !since.isAfter(Instant.now()), since.toString());

    assertEquals(new JsonArray(connections.getList().subList(0, 2)),
        json(get(port, "/connz?limit=2")).getJsonArray("connections"));
    JsonObject last = json(get(port, "/connz?offset=4&limit=2"));
    assertEquals(new JsonArray().add(connections.getJsonObject(4)), last.getJsonArray("connections"));
    assertEquals(5, last.getInteger("total"));
    for (String bad : List.of("limit=0", "limit=1001", "offset=-1", "limit=ten")) {
      HttpResponse<String> refused = get(port, "/connz?" + bad);
      assertEquals(400, refused.statusCode(), bad);
      assertTrue(json(refused).getString("error").contains("limit from 1 to 1000"), refused.body());
    }
  }

  @Test
  @DisplayName("/metrics counts rate-limited lines and a flood kick by its reason")
  void metricsCountFlooding() throws Exception {
    ChatNode node = node(new JsonObject().put("limits", new JsonObject().put("rateBurst", 5).put("rateLinesPerSecond", 1)
        .put("floodDisconnectLines", 10)));
    ChatClient flooder = connect(node.port());
    StringBuilder flood = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      flood.append("line ").append(i).append('\n');
    }
    flooder.sendRaw(flood.toString().getBytes(StandardCharsets.US_ASCII));
    List<String> seen = flooder.awaitClosed();
    assertEquals("BYE FLOOD far over the line rate", seen.get(seen.size() - 1));
    long refused = seen.stream().filter(line -> line.startsWith("ERR RATE_LIMITED")).count();
    String metrics = AdminHttp.metrics(node.adminPort());
    assertEquals(1, sample(metrics, "clusterchat_closes_total{reason=\"FLOOD\"}"));
    assertEquals(refused, sample(metrics, "clusterchat_lines_rate_limited_total"));
    assertEquals(0, sample(metrics, "clusterchat_closes_total{reason=\"SLOW_READER\"}"));
  }

  @Test
  @DisplayName("/metrics counts lines dropped for a slow reader and its kick by its reason")
  void metricsCountSlowReader() throws Exception {
    ChatNode node = node(new JsonObject().put("limits", new JsonObject().put("maxPendingBytes", 4096)
        .put("maxDroppedLines", 10).put("rateBurst", 1_000_000).put("rateLinesPerSecond", 1_000_000)));
    Socket slow = ChatClient.connectSlowReader(node.port());
    ChatClient fast = connect(node.port()).nick("fastReader");
    ChatClient sender = connect(node.port()).nick("bulkSender");
    try (slow) {
      String line = "x".repeat(80) + "\n";
      byte[] batch = line.repeat(1000).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 60; i++) {
        sender.sendRaw(batch);
      }
      assertTrue(fast.awaitPrefix("QUIT lobby guest-").endsWith(" not reading"));
      String metrics = AdminHttp.metrics(node.adminPort());
      assertEquals(1, sample(metrics, "clusterchat_closes_total{reason=\"SLOW_READER\"}"));
      assertTrue(sample(metrics, "clusterchat_lines_dropped_total") > 10, "dropped lines");
      assertEquals(0, sample(metrics, "clusterchat_closes_total{reason=\"FLOOD\"}"));
    }
  }
}
