package clusterchat.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import clusterchat.ChatNode;
import clusterchat.testing.BridgeClient;
import clusterchat.testing.ChatClient;
import clusterchat.testing.ProcessRunner;
import clusterchat.testing.TestNodes;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The TCP event-bus bridge of a real node, driven over its socket with raw frames: what a logged-in
 * bot may do, and that nothing else gets through.
 */
class BridgeTest {

  private static final String TOKEN = "echobot-test-token-5f1c2a9e";
  private static final String API = "clusterchat.api";
  private static ChatNode node;
  private static int bridgePort;
  private final List<AutoCloseable> clients = new ArrayList<>();

  @BeforeAll
  static void startNode() throws IOException {
    bridgePort = ProcessRunner.freePort();
    String bots = "echobot:" + BridgeClient.tokenHash(TOKEN) + ",otherbot:" + BridgeClient.tokenHash("other-token");
    node = TestNodes.start(new JsonObject().put("bridge", new JsonObject().put("enabled", true)
        .put("port", bridgePort).put("bots", bots)));
  }

  @AfterAll
  static void stopNode() {
    node.stop().await();
  }

  @AfterEach
  void closeClients() throws Exception {
    for (AutoCloseable client : clients) {
      client.close();
    }
  }

  private BridgeClient bridge() throws IOException {
    BridgeClient client = BridgeClient.connect(bridgePort);
    clients.add(client);
    return client;
  }

  private BridgeClient loggedIn() throws IOException {
    BridgeClient bot = bridge();
    assertEquals(new JsonObject().put("v", 1).put("ok", true).put("bot", "echobot"), bot.login(TOKEN).getJsonObject("body"));
    return bot;
  }

  private ChatClient user(String nick, String room) throws IOException {
    ChatClient user = ChatClient.connect(node.port());
    clients.add(user);
    return user.nick(nick).join(room);
  }

  private static JsonObject post(String room, String text) {
    return new JsonObject().put("v", 1).put("action", "post").put("room", room).put("text", text);
  }

  private static void assertRefused(BridgeError error, JsonObject frame) {
    assertEquals("err", frame.getString("type"), frame.encode());
    assertEquals(error.name(), frame.getString("error"), frame.encode());
  }

  @Test
  @DisplayName("a logged-in bot observes a room, posts under its own name and sees users' lines")
  void botObservesAndPosts() throws IOException {
    ChatClient user = user("watcher", "bridged");
    BridgeClient bot = loggedIn();
    bot.send(new JsonObject().put("type", "register").put("address", "clusterchat.room.bridged"));
    assertEquals(true, bot.request(API, post("bridged", "echobot here")).getJsonObject("body").getBoolean("ok"));
    user.awaitLine("BOT bridged echobot echobot here");
    bot.awaitMessage("clusterchat.room.bridged", event -> "BOT".equals(event.getString("kind")));
    user.send("hello bot");
    JsonObject line = bot.awaitMessage("clusterchat.room.bridged", event -> "MSG".equals(event.getString("kind")));
    assertEquals(List.of("watcher", "hello bot"), List.of(line.getString("nick"), line.getString("text")));
    assertRefused(BridgeError.FORBIDDEN, bot.send(new JsonObject().put("type", "register")
        .put("address", "clusterchat.room.bridged")).awaitError());
  }

  @Test
  @DisplayName("a bot observes the presence stream")
  void botObservesPresence() throws IOException {
    BridgeClient bot = loggedIn();
    bot.send(new JsonObject().put("type", "register").put("address", "clusterchat.presence"));
    assertEquals(true, bot.request(API, new JsonObject().put("action", "rooms")).getJsonObject("body").getBoolean("ok"));
    user("arriving", "lobby");
    bot.awaitMessage("clusterchat.presence", event -> "NICK".equals(event.getString("kind"))
        && "arriving".equals(event.getString("newNick")));
  }

  @Test
  @DisplayName("a bot cannot post or message as anyone else: the sender is always its own name")
  void senderIsForced() throws IOException {
    ChatClient user = user("target", "forced");
    BridgeClient bot = loggedIn();
    JsonObject asAdmin = post("forced", "posted as admin?").put("bot", "admin");
    // Client headers are dropped: an unknown codec would make the bridge fail the request.
    JsonObject posted = bot.request(new JsonObject().put("address", API).put("body", asAdmin)
        .put("headers", new JsonObject().put("codecName", "no-such-codec")));
    assertEquals(true, posted.getJsonObject("body").getBoolean("ok"), posted.encode());
    user.awaitLine("BOT forced echobot posted as admin?");
    JsonObject sent = bot.request(API, new JsonObject().put("action", "msg").put("from", "admin")
        .put("to", "target").put("text", "from admin?"));
    assertEquals("target", sent.getJsonObject("body").getString("to"), sent.encode());
    user.awaitLine("PRIV echobot target from admin?");
  }

  @Test
  @DisplayName("before login every frame is refused with LOGIN_REQUIRED and nothing reaches the chat")
  void unauthenticatedRefused() throws IOException {
    ChatClient user = user("guarded", "guarded");
    BridgeClient stranger = bridge();
    JsonObject refused = stranger.request(API, post("guarded", "sneaked in").put("bot", "stranger"));
    assertRefused(BridgeError.LOGIN_REQUIRED, refused);
    assertEquals(API, refused.getString("sourceAddress"));
    assertRefused(BridgeError.LOGIN_REQUIRED, stranger.send(new JsonObject().put("type", "register")
        .put("address", "clusterchat.room.guarded")).awaitError());
    assertRefused(BridgeError.LOGIN_REQUIRED, stranger.send(new JsonObject().put("type", "publish")
        .put("address", "clusterchat.room.guarded").put("body", "x")).awaitError());
    assertRefused(BridgeError.LOGIN_REQUIRED, stranger.send(new JsonObject().put("type", "ping")).awaitError());

    loggedIn().request(API, post("guarded", "after the stranger"));
    assertEquals("BOT guarded echobot after the stranger", user.awaitPrefix("BOT "));
  }

  @Test
  @DisplayName("a wrong or missing token is refused with BAD_TOKEN and the connection is closed")
  void wrongTokenRefused() throws IOException {
    BridgeClient wrong = bridge();
    assertRefused(BridgeError.BAD_TOKEN, wrong.login("not-the-token"));
    assertEquals(List.of(), wrong.awaitClosed());
    BridgeClient missing = bridge();
    assertRefused(BridgeError.BAD_TOKEN, missing.request("clusterchat.bridge.login", new JsonObject()));
    missing.awaitClosed();
  }

  @Test
  @DisplayName("a bot may not publish, send to room or internal addresses, observe internal ones, or kick")
  void forbiddenFrames() throws IOException {
    ChatClient user = user("bystander", "rules");
    BridgeClient bot = loggedIn();
    JsonObject forged = new JsonObject().put("v", 1).put("kind", "MSG").put("room", "rules").put("nick", "bystander")
        .put("text", "forged line").put("senderId", "");
    for (String address : List.of("clusterchat.room.rules", API)) {
      JsonObject refused = bot.send(new JsonObject().put("type", "publish").put("address", address)
          .put("body", forged)).awaitError();
      assertRefused(BridgeError.FORBIDDEN, refused);
      assertEquals(address, refused.getString("sourceAddress"));
    }
    for (String address : List.of("clusterchat.room.rules", "clusterchat.internal.room.rules", "clusterchat.inbox.x", "clusterchat.presence")) {
      assertRefused(BridgeError.FORBIDDEN, bot.request(address, forged));
    }
    for (String address : List.of("clusterchat.api", "clusterchat.inbox.x", "clusterchat.local.reconcile", "clusterchat.internal.room.rules",
        "clusterchat.room.rules.x", "clusterchat.users")) {
      assertRefused(BridgeError.FORBIDDEN, bot.send(new JsonObject().put("type", "register")
          .put("address", address)).awaitError());
    }
    assertRefused(BridgeError.FORBIDDEN, bot.request(API, new JsonObject().put("action", "kick").put("nick", "bystander")));
    assertRefused(BridgeError.FORBIDDEN, bot.request(new JsonObject().put("address", API).put("body", "x")));
    assertRefused(BridgeError.FORBIDDEN, bot.login("other-token"));

    bot.request(API, post("rules", "still here"));
    List<String> seen = user.linesThrough("BOT rules echobot still here");
    assertFalse(seen.stream().anyMatch(line -> line.contains("forged line") || line.startsWith("BYE")), seen.toString());
  }
}
