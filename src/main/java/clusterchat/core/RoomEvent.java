package clusterchat.core;

import io.vertx.core.json.JsonObject;
import java.io.Serializable;

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
 * @param epoch  the room log's epoch the sequence number counts in (see RoomLog), or null before
 *               the event is logged
 * @param seq    the event's number in its room, the same on every node; -1 when not logged
 */
public record RoomEvent(Kind kind, String room, String nick, String text, String senderId,
    String origin, String tags, String target, long time, String msgid, String epoch, long seq)
    implements Serializable {

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
    this(kind, room, nick, text, senderId, null, null, null, System.currentTimeMillis(), MessageIds.next(), null, -1);
  }

  /** True when the event has its room's sequence number. */
  public boolean sequenced() {
    return seq >= 0;
  }

  /**
   * Kinds people say (lines, actions, notices, bot posts), as opposed to membership and room
   * changes, and to TAGMSG, which carries no text.
   */
  public boolean isMessage() {
    return kind == Kind.MSG || kind == Kind.ME || kind == Kind.NOTICE || kind == Kind.BOT;
  }

  public RoomEvent withSequence(String logEpoch, long number) {
    return new RoomEvent(kind, room, nick, text, senderId, origin, tags, target, time, msgid, logEpoch, number);
  }

  public RoomEvent withOrigin(String userAtHost) {
    return new RoomEvent(kind, room, nick, text, senderId, userAtHost, tags, target, time, msgid, epoch, seq);
  }

  public RoomEvent withTags(String clientTags) {
    return new RoomEvent(kind, room, nick, text, senderId, origin, clientTags, target, time, msgid, epoch, seq);
  }

  public RoomEvent withTarget(String targetNick) {
    return new RoomEvent(kind, room, nick, text, senderId, origin, tags, targetNick, time, msgid, epoch, seq);
  }

  /** The same act in another room: same time and message id. */
  public RoomEvent inRoom(String otherRoom) {
    return new RoomEvent(kind, otherRoom, nick, text, senderId, origin, tags, target, time, msgid, null, -1);
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
    if (sequenced()) {
      json.put("epoch", epoch).put("seq", seq);
    }
    return json;
  }

  public static RoomEvent fromJson(JsonObject json) {
    return new RoomEvent(Kind.valueOf(json.getString("kind")), json.getString("room"),
        json.getString("nick"), json.getString("text"), json.getString("senderId"), json.getString("origin"),
        json.getString("tags"), json.getString("target"), json.getLong("time", 0L), json.getString("msgid", ""),
        json.getString("epoch"), json.getLong("seq", -1L));
  }

  private static void putIfSet(JsonObject json, String key, String value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}
