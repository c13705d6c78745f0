package clusterchat.core;

import io.vertx.core.json.JsonObject;

/**
 * A change in who is where, for the whole cluster: published once per change to the presence
 * address (a public, versioned JSON message: docs/EVENTBUS.md). Fields a kind does not use are null.
 */
public record PresenceEvent(Kind kind, String nick, String node, String room, String newNick, String reason) {

  public enum Kind { CONNECT, DISCONNECT, JOIN, PART, NICK }

  public static PresenceEvent connect(String nick, String node) {
    return new PresenceEvent(Kind.CONNECT, nick, node, null, null, null);
  }

  public static PresenceEvent disconnect(String nick, String node, String reason) {
    return new PresenceEvent(Kind.DISCONNECT, nick, node, null, null, reason);
  }

  public static PresenceEvent join(String nick, String node, String room) {
    return new PresenceEvent(Kind.JOIN, nick, node, room, null, null);
  }

  public static PresenceEvent part(String nick, String node, String room) {
    return new PresenceEvent(Kind.PART, nick, node, room, null, null);
  }

  public static PresenceEvent nick(String oldNick, String node, String newNick) {
    return new PresenceEvent(Kind.NICK, oldNick, node, null, newNick, null);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("v", RoomEvent.VERSION).put("kind", kind.name()).put("nick", nick).put("node", node);
    if (room != null) {
      json.put("room", room);
    }
    if (newNick != null) {
      json.put("newNick", newNick);
    }
    if (reason != null) {
      json.put("reason", reason);
    }
    return json;
  }
}
