package clusterchat.core;

import io.vertx.core.json.JsonObject;

/**
 * One thing that happened in a room, as published to the room's event-bus address (a public,
 * versioned JSON message: docs/EVENTBUS.md). {@code senderId} names the connection that caused it,
 * so it is not echoed back to it; it is empty for events no connection caused.
 */
public record RoomEvent(Kind kind, String room, String nick, String text, String senderId) {

  public enum Kind {
    /** A chat line; text is the message. */
    MSG,
    /** A /me action; text is the action. */
    ME,
    /** A line posted through the event-bus API; nick is the bot's name. */
    BOT,
    JOIN,
    PART,
    /** text is the reason. */
    QUIT,
    /** nick is the old nick, text the new one. */
    NICK
  }

  /** Version of the JSON form; bumped when a field changes meaning or goes away. */
  public static final int VERSION = 1;

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("v", VERSION)
        .put("kind", kind.name())
        .put("room", room)
        .put("nick", nick)
        .put("senderId", senderId);
    if (text != null) {
      json.put("text", text);
    }
    return json;
  }

  public static RoomEvent fromJson(JsonObject json) {
    return new RoomEvent(Kind.valueOf(json.getString("kind")), json.getString("room"),
        json.getString("nick"), json.getString("text"), json.getString("senderId"));
  }
}
