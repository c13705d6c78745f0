package clusterchat.core;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What the cluster knows of one connected user: its nick, the node, connection and inbox address
 * that reach it, the rooms it is in and its profile. Stored as JSON so any node (and any language)
 * can read it. The node and connection say whose record it is: only that connection changes or
 * removes it.
 */
public record UserRecord(String nick, String nodeId, String inbox, String connectionId, List<String> rooms,
    Profile profile) {

  public UserRecord {
    rooms = List.copyOf(rooms);
  }

  /** A record with the plain protocol's profile. */
  public UserRecord(String nick, String nodeId, String inbox, String connectionId, List<String> rooms) {
    this(nick, nodeId, inbox, connectionId, rooms, Profile.plain(nodeId));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("nick", nick)
        .put("nodeId", nodeId)
        .put("inbox", inbox)
        .put("connection", connectionId)
        .put("rooms", new JsonArray(List.copyOf(rooms)))
        .put("profile", profile.toJson());
  }

  public static UserRecord fromJson(JsonObject json) {
    @SuppressWarnings("unchecked")
    List<String> rooms = json.getJsonArray("rooms", new JsonArray()).getList();
    String nick = json.getString("nick");
    String nodeId = json.getString("nodeId");
    return new UserRecord(nick, nodeId, json.getString("inbox"), json.getString("connection", ""), rooms,
        Profile.fromJson(json.getJsonObject("profile"), nodeId));
  }
}
