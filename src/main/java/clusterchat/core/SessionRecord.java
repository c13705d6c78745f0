package clusterchat.core;

import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plain-protocol connection's session, kept cluster-wide under its secret token from the
 * greeting on, so that /resume works on any node even after the connection's own node died: its
 * nick, its connection id (which holds the nick's directory record and the room seats), its node,
 * its rooms, and while held, per room the last event the connection was sent (null when not
 * known). A live session (heldUntil 0) belongs to an open connection; a held one to a connection
 * that is gone (lost, drained, or its node died) and waits for /resume until heldUntil; a resuming
 * one is being taken over by a /resume, and still holds the nick and seats until that is done.
 */
public record SessionRecord(String nick, String connectionId, String nodeId, Map<String, LogPosition> rooms,
    long heldUntil, boolean resuming) {

  /** Random bytes in a session token: as hard to guess as a 144-bit key. */
  private static final int TOKEN_BYTES = 18;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A new secret session token, 24 characters of base64url. */
  public static String newToken() {
    byte[] bytes = new byte[TOKEN_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The session of an open connection; its rooms are in its directory record meanwhile. */
  public static SessionRecord live(Member member, String nodeId) {
    return new SessionRecord(member.nick(), member.id(), nodeId, Map.of(), 0, false);
  }

  public boolean isLive() {
    return heldUntil == 0;
  }

  /** A held session whose time is up; it is no longer resumable. */
  public boolean expired(long nowMillis) {
    return !isLive() && nowMillis >= heldUntil;
  }

  /** The same session, held until the given time with these positions (null: each room's stays unknown). */
  public SessionRecord heldUntil(long untilMillis, Map<String, LogPosition> positions) {
    return new SessionRecord(nick, connectionId, nodeId, positions == null ? rooms : positions, untilMillis, resuming);
  }

  /** The same session, marked as being resumed; held until the given time should the resume not finish. */
  public SessionRecord resumingUntil(long untilMillis) {
    return new SessionRecord(nick, connectionId, nodeId, rooms, untilMillis, true);
  }

  /** The rooms with the positions a client stated where it stated one (see /resume). */
  public SessionRecord withPositions(Map<String, LogPosition> stated) {
    Map<String, LogPosition> merged = new LinkedHashMap<>(rooms);
    stated.forEach((room, at) -> {
      if (merged.containsKey(room)) {
        merged.put(room, at);
      }
    });
    return new SessionRecord(nick, connectionId, nodeId, merged, heldUntil, resuming);
  }

  /** The record as JSON text; the same record always gives the same text (the store compares it). */
  public String encode() {
    JsonObject positions = new JsonObject();
    rooms.forEach((room, at) -> positions.put(room, at == null ? null
        : new JsonObject().put("epoch", at.epoch()).put("seq", at.seq())));
    return new JsonObject().put("nick", nick).put("connectionId", connectionId).put("nodeId", nodeId)
        .put("rooms", positions).put("heldUntil", heldUntil).put("resuming", resuming).encode();
  }

  public static SessionRecord decode(String text) {
    JsonObject json = new JsonObject(text);
    Map<String, LogPosition> rooms = new LinkedHashMap<>();
    JsonObject positions = json.getJsonObject("rooms");
    for (String room : positions.fieldNames()) {
      JsonObject at = positions.getJsonObject(room);
      rooms.put(room, at == null ? null : new LogPosition(at.getString("epoch"), at.getLong("seq")));
    }
    return new SessionRecord(json.getString("nick"), json.getString("connectionId"), json.getString("nodeId"),
        rooms, json.getLong("heldUntil"), json.getBoolean("resuming"));
  }
}
