package clusterchat.api;

import clusterchat.cluster.Addresses;
import clusterchat.cluster.EventBusMailer;
import clusterchat.cluster.EventBusRoomBus;
import clusterchat.cluster.SharedDataUserDirectory;
import clusterchat.core.ChatException;
import clusterchat.core.ChatService;
import clusterchat.core.ErrorCode;
import clusterchat.core.HistoryQuery;
import clusterchat.core.Names;
import clusterchat.core.RoomDirectory;
import clusterchat.core.RoomEvent;
import clusterchat.core.RoomLog;
import clusterchat.core.UserRecord;
import clusterchat.protocol.TextCodec;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The event-bus API for integrations: JSON requests on {@link Addresses#API} (post, msg, rooms,
 * who, user, kick), each answered with {@code {"v":1,"ok":true,...}} or
 * {@code {"v":1,"ok":false,"error":CODE,"message":...}}. Every chat node runs one, and any of them
 * can serve any request because the state it reads is cluster-wide. docs/EVENTBUS.md is the contract.
 */
public final class ChatApiVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(ChatApiVerticle.class.getName());
  private static final String DEFAULT_KICK_REASON = "kicked by an operator";

  /** Rooms per reply of the rooms action; ask again with "after" for the next ones. */
  public static final int ROOMS_PAGE = 100;
  /** Events per reply of the history action at most (and when not told). */
  public static final int HISTORY_LIMIT = 1000;

  private final String nodeId;
  private final int maxTextBytes;
  private final RoomDirectory roomDirectory;
  private final RoomLog roomLog;
  private ChatService chat;

  public ChatApiVerticle(String nodeId, int maxTextBytes, RoomDirectory roomDirectory, RoomLog roomLog) {
    this.nodeId = nodeId;
    this.maxTextBytes = maxTextBytes;
    this.roomDirectory = roomDirectory;
    this.roomLog = roomLog;
  }

  @Override
  public Future<?> start() {
    return SharedDataUserDirectory.open(vertx).compose(directory -> {
      // The API holds no connections: it never joins rooms or keeps sessions, so it needs no room
      // limit, no join history and no session store.
      chat = new ChatService(nodeId, "", directory, roomDirectory, EventBusRoomBus.publisher(vertx, roomLog), roomLog,
          null, new EventBusMailer(vertx.eventBus()), () -> 0, () -> 0, id -> true);
      return vertx.eventBus().consumer(Addresses.API, this::handle).completion();
    });
  }

  private void handle(Message<Object> message) {
    Future<JsonObject> result;
    try {
      if (!(message.body() instanceof JsonObject request)) {
        throw invalid("the body must be a JSON object");
      }
      result = dispatch(request);
    } catch (ChatException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(done -> message.reply(done.succeeded()
        ? done.result().put("v", RoomEvent.VERSION).put("ok", true)
        : error(done.cause())));
  }

  private Future<JsonObject> dispatch(JsonObject request) {
    String action = field(request, "action");
    return switch (action) {
      case "post" -> chat.postAsBot(field(request, "bot"), field(request, "room"), text(request))
          .map(v -> new JsonObject());
      case "msg" -> botName(field(request, "from"))
          .compose(from -> chat.privateMessage(from, field(request, "to"), text(request)))
          .map(to -> new JsonObject().put("to", to));
      case "rooms" -> chat.rooms(optional(request, "after", ""), ROOMS_PAGE).map(page -> new JsonObject()
          .put("rooms", new JsonObject(new LinkedHashMap<>(page.rooms())))
          .put("more", page.more()));
      case "who" -> chat.who(field(request, "room")).map(nicks -> new JsonObject()
          .put("room", Names.canonicalRoom(request.getString("room")))
          .put("nicks", new JsonArray(nicks)));
      case "user" -> chat.findUser(field(request, "nick")).map(ChatApiVerticle::userJson);
      case "kick" -> chat.kick(field(request, "nick"), reason(request))
          .map(v -> new JsonObject());
      case "history" -> chat.history(field(request, "room"), historyQuery(request)).map(history -> new JsonObject()
          .put("room", Names.canonicalRoom(request.getString("room")))
          .put("epoch", history.epoch())
          .put("firstSeq", history.firstSeq())
          .put("nextSeq", history.nextSeq())
          .put("events", new JsonArray(history.events().stream().map(RoomEvent::toJson).toList())));
      default -> throw invalid("unknown action \"" + action + "\"; see docs/EVENTBUS.md");
    };
  }

  /** The newest events, or those before or after a sequence number; all kinds unless messagesOnly. */
  private HistoryQuery historyQuery(JsonObject request) {
    int limit = (int) number(request, "limit", HISTORY_LIMIT, 1, HISTORY_LIMIT);
    boolean messagesOnly = request.getValue("messagesOnly") instanceof Boolean only && only;
    if (request.getValue("before") != null && request.getValue("after") != null) {
      throw invalid("give \"before\" or \"after\", not both");
    }
    if (request.getValue("before") != null) {
      return HistoryQuery.before(HistoryQuery.Anchor.seq(number(request, "before", 0, 0, Long.MAX_VALUE)), limit,
          messagesOnly);
    }
    if (request.getValue("after") != null) {
      return HistoryQuery.after(HistoryQuery.Anchor.seq(number(request, "after", 0, 0, Long.MAX_VALUE)), limit,
          messagesOnly);
    }
    return HistoryQuery.latest(limit, messagesOnly);
  }

  private static long number(JsonObject request, String name, long fallback, long min, long max) {
    Object value = request.getValue(name);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Integer || value instanceof Long) {
      long number = ((Number) value).longValue();
      if (number >= min && number <= max) {
        return number;
      }
    }
    throw invalid("\"" + name + "\" must be an integer from " + min + " to " + max);
  }

  /** A bot may use any valid nick that no connected user holds. */
  private Future<String> botName(String name) {
    if (!Names.isValidNick(name)) {
      return Future.failedFuture(new ChatException(ErrorCode.INVALID_NICK, "'" + name + "' is not a valid bot name"));
    }
    return chat.findUser(name).transform(found -> found.succeeded()
        ? Future.failedFuture(new ChatException(ErrorCode.NICK_IN_USE, name + " is a user's nick"))
        : Future.succeededFuture(name));
  }

  private static JsonObject userJson(UserRecord user) {
    return new JsonObject().put("nick", user.nick()).put("node", user.nodeId()).put("rooms", new JsonArray(user.rooms()));
  }

  private String text(JsonObject request) {
    String text = cleanText(request, "text");
    if (text.isEmpty()) {
      throw invalid("\"text\" is empty");
    }
    return text;
  }

  /** The kick reason; absent, or blank once cleaned, means the default. */
  private String reason(JsonObject request) {
    String reason = request.getValue("reason") == null ? "" : cleanText(request, "reason");
    return reason.isEmpty() ? DEFAULT_KICK_REASON : reason;
  }

  /**
   * A free-text field that users will see, held to the rules of a user's line: control characters
   * removed, outer blanks trimmed, at most maxTextBytes. Names need no cleaning: they are validated
   * (bots) or looked up (users, rooms), never shown as given.
   */
  private String cleanText(JsonObject request, String name) {
    String text = TextCodec.stripControls(field(request, name)).strip();
    if (text.getBytes(StandardCharsets.UTF_8).length > maxTextBytes) {
      throw invalid("\"" + name + "\" is longer than " + maxTextBytes + " bytes");
    }
    return text;
  }

  private static String optional(JsonObject request, String name, String fallback) {
    return request.getValue(name) == null ? fallback : field(request, name);
  }

  private static String field(JsonObject request, String name) {
    if (request.getValue(name) instanceof String value) {
      return value;
    }
    throw invalid("\"" + name + "\" must be a string");
  }

  private static ChatException invalid(String message) {
    return new ChatException(ErrorCode.INVALID_REQUEST, message);
  }

  private static JsonObject error(Throwable err) {
    JsonObject reply = new JsonObject().put("v", RoomEvent.VERSION).put("ok", false);
    if (err instanceof ChatException chat) {
      return reply.put("error", chat.code().name()).put("message", chat.getMessage());
    }
    LOG.log(Level.WARNING, "API request failed", err);
    return reply.put("error", ErrorCode.INTERNAL.name()).put("message", "the request could not be completed; try again");
  }
}
