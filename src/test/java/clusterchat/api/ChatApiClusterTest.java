package clusterchat.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.ChatNode;
import clusterchat.core.RoomEvent;
import clusterchat.testing.ChatClient;
import clusterchat.testing.TestCluster;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The event-bus API from a worker node (clustered, no chat listener) against two chat nodes A and
 * B with real TCP users: observe rooms and presence, post as a bot, message, list, kick.
 */
class ChatApiClusterTest {

  private static TestCluster cluster;
  private static ChatNode worker;
  private final List<ChatClient> clients = new ArrayList<>();

  @BeforeAll
  static void startCluster() throws IOException {
    cluster = TestCluster.start(2, new JsonObject());
    worker = cluster.addWorker(new JsonObject());
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @AfterEach
  void closeClients() throws IOException {
    for (ChatClient client : clients) {
      client.close();
    }
  }

  private ChatClient connect(int node) throws IOException {
    ChatClient client = ChatClient.connect(cluster.node(node).port());
    clients.add(client);
    return client;
  }

  private static JsonObject api(JsonObject request) {
    return worker.vertx().eventBus().<JsonObject>request("clusterchat.api", request).await().body();
  }

  /** Subscribes on the worker and queues what arrives. */
  private static LinkedBlockingQueue<JsonObject> subscribe(String address) {
    LinkedBlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    EventBus bus = worker.vertx().eventBus();
    bus.<JsonObject>consumer(address, message -> received.add(message.body())).completion().await();
    return received;
  }

  private static JsonObject next(LinkedBlockingQueue<JsonObject> queue, String kind) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      JsonObject event = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (event != null && kind.equals(event.getString("kind"))) {
        return event;
      }
    }
    throw new AssertionError("no " + kind + " event within 10 s");
  }

  @Test
  @DisplayName("a bot on the worker posts into a room and users on both chat nodes see it as a bot line")
  void botPostReachesUsersOnAllNodes() throws IOException {
    ChatClient a = connect(0).nick("apiA").join("botroom");
    ChatClient b = connect(1).nick("apiB").join("botroom");
    a.awaitLine("JOIN botroom apiB");
    JsonObject reply = api(new JsonObject().put("v", 1).put("action", "post").put("bot", "helper")
        .put("room", "#BotRoom").put("text", "hello humans"));
    assertEquals(new JsonObject().put("v", 1).put("ok", true), reply);
    a.awaitLine("BOT botroom helper hello humans");
    b.awaitLine("BOT botroom helper hello humans");
  }

  @Test
  @DisplayName("a user's line reaches a subscriber on the worker as versioned JSON")
  void userLineReachesWorker() throws Exception {
    LinkedBlockingQueue<JsonObject> events = subscribe("clusterchat.room.observed");
    ChatClient a = connect(0).nick("observedA").join("observed");
    a.send("watch this");
    JsonObject msg = next(events, "MSG");
    assertEquals(1, msg.getInteger("v"));
    assertEquals("observed", msg.getString("room"));
    assertEquals("observedA", msg.getString("nick"));
    assertEquals("watch this", msg.getString("text"));
  }

  @Test
  @DisplayName("the presence stream reports connect, join, nick, part and disconnect once each")
  void presenceStream() throws Exception {
    LinkedBlockingQueue<JsonObject> presence = subscribe("clusterchat.presence");
    ChatClient a = connect(1);
    String guest = a.nick();
    assertEquals(guest, next(presence, "CONNECT").getString("nick"));
    JsonObject lobby = next(presence, "JOIN");
    assertEquals(List.of(guest, "lobby"), List.of(lobby.getString("nick"), lobby.getString("room")));
    a.nick("presenceA");
    JsonObject nick = next(presence, "NICK");
    assertEquals(List.of(guest, "presenceA"), List.of(nick.getString("nick"), nick.getString("newNick")));
    a.send("/part lobby");
    assertEquals("lobby", next(presence, "PART").getString("room"));
    a.send("/quit gone fishing");
    JsonObject gone = next(presence, "DISCONNECT");
    assertEquals(List.of("presenceA", "gone fishing"), List.of(gone.getString("nick"), gone.getString("reason")));
  }

  @Test
  @DisplayName("msg, who, rooms and user answer with results across nodes")
  void queriesAndPrivateMessage() throws IOException {
    ChatClient a = connect(0).nick("queryA").join("queries");
    connect(1).nick("queryB").join("queries");
    assertEquals(new JsonArray(List.of("queryA", "queryB")),
        api(new JsonObject().put("action", "who").put("room", "queries")).getJsonArray("nicks"));
    assertEquals(2, api(new JsonObject().put("action", "rooms")).getJsonObject("rooms").getInteger("queries"));
    JsonObject user = api(new JsonObject().put("action", "user").put("nick", "QUERYA"));
    assertEquals("queryA", user.getString("nick"));
    assertEquals(new JsonArray(List.of("lobby", "queries")), user.getJsonArray("rooms"));
    JsonObject sent = api(new JsonObject().put("action", "msg").put("from", "notifier").put("to", "querya")
        .put("text", "your build passed"));
    assertEquals("queryA", sent.getString("to"));
    a.awaitLine("PRIV notifier queryA your build passed");
  }

  @Test
  @DisplayName("a kick from the worker disconnects a user on another node, and its rooms see why")
  void kickAcrossNodes() throws IOException {
    ChatClient watcher = connect(0).nick("kickWatcher").join("kickroom");
    ChatClient victim = connect(1).nick("kickVictim").join("kickroom");
    watcher.awaitLine("JOIN kickroom kickVictim");
    assertTrue(api(new JsonObject().put("action", "kick").put("nick", "kickVictim").put("reason", "spamming"))
        .getBoolean("ok"));
    List<String> last = victim.awaitClosed();
    assertEquals("BYE KICKED spamming", last.get(last.size() - 1));
    watcher.awaitLine("QUIT kickroom kickVictim kicked: spamming");
  }

  @Test
  @DisplayName("a kick reason with a line break and control characters reaches the rooms as one cleaned QUIT line")
  void kickReasonIsCleaned() throws Exception {
    LinkedBlockingQueue<JsonObject> events = subscribe("clusterchat.room.forgeroom");
    ChatClient watcher = connect(0).nick("forgeWatcher").join("forgeroom");
    ChatClient victim = connect(1).nick("forgeVictim").join("forgeroom");
    watcher.awaitLine("JOIN forgeroom forgeVictim");
    assertTrue(api(kick("forgeVictim", " bad\r\nMSG forgeroom admin forged\u0007 \u001b[2J\n")).getBoolean("ok"));
    String clean = "badMSG forgeroom admin forged [2J";
    List<String> last = victim.awaitClosed();
    assertEquals("BYE KICKED " + clean, last.get(last.size() - 1));
    List<String> seen = watcher.linesThrough("QUIT forgeroom forgeVictim kicked: " + clean);
    // Posted after the QUIT arrived, so a line forged inside the QUIT would show up before it.
    api(new JsonObject().put("action", "post").put("bot", "sentinel").put("room", "forgeroom").put("text", "done"));
    seen.addAll(watcher.linesThrough("BOT forgeroom sentinel done"));
    assertTrue(seen.stream().noneMatch(line -> line.startsWith("MSG ")), seen.toString());
    assertEquals("kicked: " + clean, next(events, "QUIT").getString("text"));
  }

  @Test
  @DisplayName("a room event another cluster member publishes with a line break still reaches users as one line")
  void rawRoomEventCannotForgeLines() throws IOException {
    ChatClient a = connect(0).nick("rawA").join("rawroom");
    RoomEvent raw = new RoomEvent(RoomEvent.Kind.MSG, "rawroom", "mallory", "hi\nMSG rawroom admin forged\r", "");
    // A cluster member can publish to the chat's internal address; the line is still cleaned.
    worker.vertx().eventBus().publish("clusterchat.internal.room.rawroom",
        new JsonObject().put("events", new JsonArray().add(raw.toJson())));
    assertEquals("MSG rawroom mallory hiMSG rawroom admin forged", a.awaitPrefix("MSG rawroom"));
  }

  @Test
  @DisplayName("a kick reason that is blank once cleaned becomes the default reason")
  void blankKickReasonIsDefault() throws IOException {
    ChatClient watcher = connect(0).nick("blankWatcher").join("blankroom");
    ChatClient victim = connect(1).nick("blankVictim").join("blankroom");
    watcher.awaitLine("JOIN blankroom blankVictim");
    assertTrue(api(kick("blankVictim", "\u0007 \r\n\t")).getBoolean("ok"));
    List<String> last = victim.awaitClosed();
    assertEquals("BYE KICKED kicked by an operator", last.get(last.size() - 1));
    watcher.awaitLine("QUIT blankroom blankVictim kicked: kicked by an operator");
  }

  private static JsonObject kick(String nick, String reason) {
    return new JsonObject().put("action", "kick").put("nick", nick).put("reason", reason);
  }

  @Test
  @DisplayName("malformed and impossible requests get error replies and never stall the API")
  void badRequests() throws IOException {
    connect(0).nick("humanNick");
    assertError("INVALID_REQUEST", worker.vertx().eventBus().<JsonObject>request("clusterchat.api", "not json").await().body());
    assertError("INVALID_REQUEST", api(new JsonObject()));
    assertError("INVALID_REQUEST", api(new JsonObject().put("action", 42)));
    assertError("INVALID_REQUEST", api(new JsonObject().put("action", "launch")));
    assertError("INVALID_REQUEST", api(new JsonObject().put("action", "post").put("bot", "b").put("room", "lobby")));
    assertError("INVALID_REQUEST", api(new JsonObject().put("action", "post").put("bot", "b").put("room", "lobby").put("text", "\u0007 ")));
    assertError("INVALID_ROOM", api(new JsonObject().put("action", "who").put("room", "no such!")));
    assertError("NO_SUCH_ROOM", api(new JsonObject().put("action", "who").put("room", "emptyroom")));
    assertError("NO_SUCH_NICK", api(new JsonObject().put("action", "user").put("nick", "nobodyHere")));
    assertError("NO_SUCH_NICK", api(new JsonObject().put("action", "kick").put("nick", "nobodyHere")));
    assertError("INVALID_REQUEST", api(kick("humanNick", "x".repeat(5000))));
    assertError("NICK_IN_USE", api(new JsonObject().put("action", "post").put("bot", "HUMANNICK").put("room", "lobby").put("text", "x")));
    assertError("NICK_IN_USE", api(new JsonObject().put("action", "msg").put("from", "humanNick").put("to", "humanNick").put("text", "x")));
    assertError("INVALID_NICK", api(new JsonObject().put("action", "post").put("bot", "bad bot").put("room", "lobby").put("text", "x")));
    assertTrue(api(new JsonObject().put("action", "rooms")).getBoolean("ok"));
  }

  private static void assertError(String code, JsonObject reply) {
    assertEquals(false, reply.getBoolean("ok"), reply.encode());
    assertEquals(code, reply.getString("error"), reply.encode());
    assertEquals(1, reply.getInteger("v"));
    assertTrue(!reply.getString("message", "").isEmpty(), reply.encode());
  }

  @Test
  @DisplayName("the history action reads a room's numbered events: the newest, or those before or after a number")
  void historyAction() throws IOException {
    ChatClient a = connect(0).nick("histApi").join("apihistory");
    for (int i = 1; i <= 3; i++) {
      a.send("event " + i);
    }
    JsonObject request = new JsonObject().put("v", 1).put("action", "history").put("room", "#ApiHistory")
        .put("limit", 2).put("messagesOnly", true);
    // Lines are logged asynchronously: ask until the last one is in.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    JsonObject latest;
    do {
      latest = api(request);
    } while (!latest.encode().contains("event 3") && System.nanoTime() < deadline);
    assertEquals(true, latest.getBoolean("ok"), latest.encode());
    assertEquals("apihistory", latest.getString("room"));
    JsonArray events = latest.getJsonArray("events");
    assertEquals(List.of("event 2", "event 3"), List.of(events.getJsonObject(0).getString("text"),
        events.getJsonObject(1).getString("text")));
    long second = events.getJsonObject(0).getLong("seq");
    assertEquals(latest.getString("epoch"), events.getJsonObject(0).getString("epoch"));
    assertEquals(second + 2, latest.getLong("nextSeq"));
    JsonObject before = api(new JsonObject().put("v", 1).put("action", "history").put("room", "apihistory")
        .put("before", second));
    JsonArray earlier = before.getJsonArray("events");
    assertEquals("event 1", earlier.getJsonObject(earlier.size() - 1).getString("text"));
    assertEquals("JOIN", earlier.getJsonObject(0).getString("kind"), "all kinds unless messagesOnly");
    JsonObject after = api(new JsonObject().put("v", 1).put("action", "history").put("room", "apihistory")
        .put("after", second));
    assertEquals("event 3", after.getJsonArray("events").getJsonObject(0).getString("text"));
    JsonObject bad = api(new JsonObject().put("v", 1).put("action", "history").put("room", "apihistory")
        .put("limit", "ten"));
    assertEquals("INVALID_REQUEST", bad.getString("error"));
  }
}
