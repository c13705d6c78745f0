package clusterchat.core;

import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a lost connection leaves for /resume: its nick, its connection id (which still holds the
 * nick's directory record and the room seats until the session ends), and per room the last event
 * it was sent (null when not known).
 */
public record SessionRecord(String nick, String connectionId, Map<String, LogPosition> rooms) {

  /** Random bytes in a session token: as hard to guess as a 144-bit key. */
  private static final int TOKEN_BYTES = 18;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A new secret session token, 24 characters of base64url. */
  public static String newToken() {
    byte[] bytes = new byte[TOKEN_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public JsonObject toJson() {
    JsonObject positions = new JsonObject();
    rooms.forEach((room, at) -> positions.put(room, at == null ? null
        : new JsonObject().put("epoch", at.epoch()).put("seq", at.seq())));
    return new JsonObject().put("nick", nick).put("connectionId", connectionId).put("rooms", positions);
  }

  public static SessionRecord fromJson(JsonObject json) {
    Map<String, LogPosition> rooms = new LinkedHashMap<>();
    JsonObject positions = json.getJsonObject("rooms");
    for (String room : positions.fieldNames()) {
      JsonObject at = positions.getJsonObject(room);
      rooms.put(room, at == null ? null : new LogPosition(at.getString("epoch"), at.getLong("seq")));
    }
    return new SessionRecord(json.getString("nick"), json.getString("connectionId"), rooms);
  }
}
