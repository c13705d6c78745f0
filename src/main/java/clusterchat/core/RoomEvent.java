package clusterchat.core;

import io.vertx.core.json.JsonObject;

/**
 * One thing that happened in a room, as published to the room's event-bus address.
 * {@code senderId} names the connection that caused it, so it is not echoed back to it.
 */
public record RoomEvent(Kind kind, String room, String nick, String text, String senderId) {

  public enum Kind {
    /** A chat line; text is the message. */
    MSG,
    /** A /me action; text is the action. */
    ME,
    JOIN,
    PART,
    /** text is the reason. */
    QUIT,
    /** nick is the old nick, text the new one. */
    NICK
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
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
