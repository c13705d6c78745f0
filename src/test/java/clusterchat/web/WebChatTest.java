package clusterchat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.ChatNode;
import clusterchat.testing.ChatClient;
import clusterchat.testing.TestNodes;
import clusterchat.testing.WebChatClient;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The web chat's HTTP side on a real node: the page from the jar, the Origin check, and chat over /ws. */
class WebChatTest {

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

  private <T extends AutoCloseable> T track(T client) {
    clients.add(client);
    return client;
  }

  @Test
  @DisplayName("the page, its script and its style come from the jar, with a strict Content-Security-Policy")
  void servesThePage() throws Exception {
    ChatNode node = node(new JsonObject());
    HttpClient http = HttpClient.newHttpClient();
    for (String[] file : new String[][] {{"/", "text/html", "<script src=\"chat.js\""},
        {"/chat.js", "text/javascript", "new WebSocket("}, {"/chat.css", "text/css", "#messages"}}) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + node.httpPort() + file[0])).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), file[0]);
      assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith(file[1]), response.headers().toString());
      assertTrue(response.headers().firstValue("Content-Security-Policy").orElse("").startsWith("default-src 'self'"),
          response.headers().toString());
      assertTrue(response.body().contains(file[2]), file[0]);
    }
  }

  @Test
  @DisplayName("the WebSocket opens for its own page's origin, configured origins and non-browsers; others get 403")
  void originCheck() throws IOException {
    ChatNode node = node(new JsonObject().put("http", new JsonObject().put("port", 0)
        .put("allowedOrigins", "https://chat.example.com")));
    int port = node.httpPort();
    assertEquals(101, WebChatClient.upgradeStatus(port, "/ws", "http://127.0.0.1:" + port));
    assertEquals(101, WebChatClient.upgradeStatus(port, "/ws", "https://Chat.Example.com"));
    assertEquals(101, WebChatClient.upgradeStatus(port, "/ws", null));
    assertEquals(403, WebChatClient.upgradeStatus(port, "/ws", "http://evil.example"));
    assertEquals(403, WebChatClient.upgradeStatus(port, "/ws", "http://127.0.0.1:" + (port + 1)));
    assertEquals(403, WebChatClient.upgradeStatus(port, "/ws", "null"));
    assertEquals(404, WebChatClient.upgradeStatus(port, "/elsewhere", null));
  }

  @Test
  @DisplayName("a web user and a TCP user chat both ways: one line per text message, no line end")
  void webAndTcpUsersTalk() throws IOException {
    ChatNode node = node(new JsonObject());
    WebChatClient web = track(WebChatClient.connect(node.httpPort(), "http://127.0.0.1:" + node.httpPort()));
    ChatClient tcp = track(ChatClient.connect(node.port()));
    web.nick("webber");
    tcp.nick("tcpper");
    web.send("hello from the browser");
    tcp.awaitLine("MSG lobby webber hello from the browser");
    tcp.send("hello from nc");
    web.awaitLine("MSG lobby tcpper hello from nc");
    web.send("a line end at the end of a message is dropped\r\n");
    tcp.awaitLine("MSG lobby webber a line end at the end of a message is dropped");
    web.send("/who");
    web.awaitLine("WHO lobby 2 tcpper webber");
  }
}
