package clusterchat.core;

import io.vertx.core.json.JsonObject;

/**
 * A message from one user (or bot) to another. kind is MSG, ME, NOTICE or TAGMSG, as for rooms;
 * origin is the sender's "user@host" (null for a bot) and tags its IRCv3 client-only tags or null.
 */
public record PrivateMessage(RoomEvent.Kind kind, String from, String origin, String to, String text, String tags,
    long time, String msgid) {

  public static PrivateMessage of(RoomEvent.Kind kind, String from, String origin, String to, String text, String tags) {
    return new PrivateMessage(kind, from, origin, to, text, tags, System.currentTimeMillis(), MessageIds.next());
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("kind", kind.name()).put("from", from).put("to", to).put("text", text)
        .put("time", time).put("msgid", msgid);
    if (origin != null) {
      json.put("origin", origin);
    }
    if (tags != null) {
      json.put("tags", tags);
    }
    return json;
  }

  public static PrivateMessage fromJson(JsonObject json) {
    return new PrivateMessage(RoomEvent.Kind.valueOf(json.getString("kind", "MSG")), json.getString("from"),
        json.getString("origin"), json.getString("to"), json.getString("text"), json.getString("tags"),
        json.getLong("time", 0L), json.getString("msgid", ""));
  }
}
