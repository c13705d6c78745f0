package clusterchat.core;

import io.vertx.core.json.JsonObject;

/**
 * One thing that happened in a room, as published to the room's event-bus address (a public,
 * versioned JSON message: docs/EVENTBUS.md). {@code senderId} names the connection that caused it,
 * so it is not echoed back to it; it is empty for events no connection caused. {@code msgid} is
 * the same on every room a single act reaches (a nick change, a quit), so a client that shares
 * several rooms with the user hears it once.
 *
 * @param origin the sender's "user@host" as IRC shows it, or null (bots, repairs)
 * @param tags   IRCv3 client-only tags the sender attached (wire form, without '@'), or null
 * @param target the nick a KICK removed or a MODE's arguments, or null
 * @param time   when the server accepted it, in epoch milliseconds
 */
public record RoomEvent(Kind kind, String room, String nick, String text, String senderId,
    String origin, String tags, String target, long time, String msgid) {

  public enum Kind {
    /** A chat line; text is the message. */
    MSG,
    /** A /me action (IRC: CTCP ACTION); text is the action. */
    ME,
    /** An IRC NOTICE to the room; text is the message. */
    NOTICE,
    /** An IRCv3 TAGMSG: only tags, no text; plain clients do not see it. */
    TAGMSG,
    /** A line posted through the event-bus API; nick is the bot's name. */
    BOT,
    JOIN,
    PART,
    /** text is the reason. */
    QUIT,
    /** nick is the old nick, text the new one. */
    NICK,
    /** text is the new topic ("" when cleared). */
    TOPIC,
    /** target is the nick removed, text the reason. */
    KICK,
    /** text is the mode change as IRC writes it, e.g. "+o bob" or "+k secret". */
    MODE
  }

  /** Version of the JSON form; bumped when a field changes meaning or goes away. */
  public static final int VERSION = 1;

  /** An event caused now, with a fresh message id and no IRC extras. */
  public RoomEvent(Kind kind, String room, String nick, String text, String senderId) {
    this(kind, room, nick, text, senderId, null, null, null, System.currentTimeMillis(), MessageIds.next());
  }

  public RoomEvent withOrigin(String userAtHost) {
    return new RoomEvent(kind, room, nick, text, senderId, userAtHost, tags, target, time, msgid);
  }

  public RoomEvent withTags(String clientTags) {
    return new RoomEvent(kind, room, nick, text, senderId, origin, clientTags, target, time, msgid);
  }

  public RoomEvent withTarget(String targetNick) {
    return new RoomEvent(kind, room, nick, text, senderId, origin, tags, targetNick, time, msgid);
  }

  /** The same act in another room: same time and message id. */
  public RoomEvent inRoom(String otherRoom) {
    return new RoomEvent(kind, otherRoom, nick, text, senderId, origin, tags, target, time, msgid);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("v", VERSION)
        .put("kind", kind.name())
        .put("room", room)
        .put("nick", nick)
        .put("senderId", senderId)
        .put("time", time)
        .put("msgid", msgid);
    putIfSet(json, "text", text);
    putIfSet(json, "origin", origin);
    putIfSet(json, "tags", tags);
    putIfSet(json, "target", target);
    return json;
  }

  public static RoomEvent fromJson(JsonObject json) {
    return new RoomEvent(Kind.valueOf(json.getString("kind")), json.getString("room"),
        json.getString("nick"), json.getString("text"), json.getString("senderId"), json.getString("origin"),
        json.getString("tags"), json.getString("target"), json.getLong("time", 0L), json.getString("msgid", ""));
  }

  private static void putIfSet(JsonObject json, String key, String value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}
