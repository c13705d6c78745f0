package clusterchat.bridge;

import clusterchat.cluster.Addresses;
import clusterchat.core.Names;
import clusterchat.core.RoomEvent;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.eventbus.bridge.tcp.BridgeEvent;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Inspects every frame a bridge client sends before the bridge acts on it (docs/EVENTBUS.md, "The
 * TCP bridge"). A connection must first log in with its bot's token; until then every frame is
 * refused. Then it may observe rooms and presence and send requests to the chat API, in which the
 * sender is always its own bot name. Anything else is refused with an err frame.
 */
final class BridgeGuard implements Handler<BridgeEvent> {

  /** The room addresses a bot may observe: clusterchat.room.ROOM for canonical room names. */
  static final String ROOM_ADDRESS = Pattern.quote(Addresses.ROOM_PREFIX) + "[a-z0-9_-]{1," + Names.MAX_ROOM_LENGTH + "}";
  private static final Pattern ROOM = Pattern.compile(ROOM_ADDRESS);
  /** API actions open to bots; kick is for operators. */
  private static final List<String> ACTIONS = List.of("post", "msg", "rooms", "who", "user", "history");
  /** The request field naming the sender, for the actions that have one. */
  private static final Map<String, String> SENDER_FIELD = Map.of("post", "bot", "msg", "from");

  private record Session(String bot, Set<String> observed) {
  }

  private final BotTokens tokens;
  private final int maxObserved;
  /** Logged-in connections. The bridge serves all its connections on one event loop, so no locking. */
  private final Map<NetSocket, Session> sessions = new HashMap<>();

  BridgeGuard(BotTokens tokens, int maxObserved) {
    this.tokens = tokens;
    this.maxObserved = maxObserved;
  }

  @Override
  public void handle(BridgeEvent event) {
    JsonObject frame = event.getRawMessage();
    String address = frame.getString("address");
    Session session = sessions.get(event.socket());
    if (event.type() == BridgeEventType.REGISTERED) {
      event.complete(true);
    } else if (event.type() == BridgeEventType.SEND && Addresses.BRIDGE_LOGIN.equals(address)) {
      login(event, session);
    } else if (session == null) {
      refuse(event, BridgeError.LOGIN_REQUIRED,
          "log in first: send {\"token\": \"...\"} to " + Addresses.BRIDGE_LOGIN);
    } else {
      String refusal = switch (event.type()) {
        case SEND -> request(event, session.bot(), address);
        case REGISTER -> observe(session, address);
        case UNREGISTER -> session.observed().remove(address) ? null : "not observing " + address;
        case SOCKET_PING -> null;
        // PUBLISH: the only other frame type the TCP bridge reports here
        default -> "bots may not publish; they act through requests to " + Addresses.API;
      };
      if (refusal == null) {
        event.complete(true);
      } else {
        refuse(event, BridgeError.FORBIDDEN, refusal);
      }
    }
  }

  private void login(BridgeEvent event, Session session) {
    NetSocket socket = event.socket();
    if (session != null) {
      refuse(event, BridgeError.FORBIDDEN, "already logged in as " + session.bot());
      return;
    }
    Object body = event.getRawMessage().getValue("body");
    Object token = body instanceof JsonObject login ? login.getValue("token") : null;
    String bot = token instanceof String given ? tokens.botFor(given) : null;
    if (bot == null) {
      refuse(event, BridgeError.BAD_TOKEN, "unknown token; closing the connection");
      socket.close();
      return;
    }
    sessions.put(socket, new Session(bot, new HashSet<>()));
    socket.closeHandler(closed -> sessions.remove(socket));
    JsonObject answer = new JsonObject().put("type", "message").put("send", true)
        .put("body", new JsonObject().put("v", RoomEvent.VERSION).put("ok", true).put("bot", bot));
    write(socket, withReplyAddress(answer, event.getRawMessage()));
  }

  /**
   * A request to the chat API, rewritten so it acts as the logged-in bot whatever the client put
   * in it; client headers are dropped (they could pick codecs or keep the request local).
   */
  private String request(BridgeEvent event, String bot, String address) {
    if (!Addresses.API.equals(address)) {
      return "bots may send only to " + Addresses.API + " and " + Addresses.BRIDGE_LOGIN;
    }
    JsonObject frame = event.getRawMessage();
    if (!(frame.getValue("body") instanceof JsonObject body) || !(body.getValue("action") instanceof String action)
        || !ACTIONS.contains(action)) {
      return "the body must be a request with one of the actions " + String.join(", ", ACTIONS);
    }
    JsonObject asBot = body.copy();
    if (SENDER_FIELD.containsKey(action)) {
      asBot.put(SENDER_FIELD.get(action), bot);
    }
    JsonObject rewritten = frame.copy().put("body", asBot);
    rewritten.remove("headers");
    event.setRawMessage(rewritten);
    return null;
  }

  private String observe(Session session, String address) {
    if (address == null || !(address.equals(Addresses.PRESENCE) || ROOM.matcher(address).matches())) {
      return "bots may observe only " + Addresses.ROOM_PREFIX + "<room> and " + Addresses.PRESENCE;
    }
    if (session.observed().contains(address)) {
      return "already observing " + address;
    }
    if (session.observed().size() >= maxObserved) {
      return "a bridge connection observes at most " + maxObserved + " addresses at once";
    }
    session.observed().add(address);
    return null;
  }

  /**
   * Answers a refused frame with an err frame. The event is left pending on purpose: completing it
   * with false would make the bridge add a second, generic err frame; a pending one is dropped.
   */
  private static void refuse(BridgeEvent event, BridgeError error, String message) {
    JsonObject err = new JsonObject().put("type", "err").put("error", error.name()).put("message", message);
    String address = event.getRawMessage().getString("address");
    if (address != null) {
      err.put("sourceAddress", address);
    }
    write(event.socket(), withReplyAddress(err, event.getRawMessage()));
  }

  /** Addresses an answer to the frame's replyAddress, as the bridge does for replies, when it has one. */
  private static JsonObject withReplyAddress(JsonObject answer, JsonObject frame) {
    if (frame.getValue("replyAddress") instanceof String replyAddress) {
      answer.put("address", replyAddress);
    }
    return answer;
  }

  /** One frame: a 4-byte big-endian length, then the JSON in UTF-8. */
  private static void write(NetSocket socket, JsonObject frame) {
    byte[] json = frame.encode().getBytes(StandardCharsets.UTF_8);
    socket.write(Buffer.buffer(json.length + 4).appendInt(json.length).appendBytes(json));
  }
}
