package clusterchat.core;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What the cluster knows of one connected user: its nick, the node, connection and inbox address
 * that reach it, and the rooms it is in. Stored as JSON so any node (and any language) can read it.
 * The node and connection say whose record it is: only that connection changes or removes it.
 */
public record UserRecord(String nick, String nodeId, String inbox, String connectionId, List<String> rooms) {

  public UserRecord {
    rooms = List.copyOf(rooms);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("nick", nick)
        .put("nodeId", nodeId)
        .put("inbox", inbox)
        .put("connection", connectionId)
        .put("rooms", new JsonArray(List.copyOf(rooms)));
  }

  public static UserRecord fromJson(JsonObject json) {
    @SuppressWarnings("unchecked")
    List<String> rooms = json.getJsonArray("rooms", new JsonArray()).getList();
    return new UserRecord(json.getString("nick"), json.getString("nodeId"), json.getString("inbox"),
        json.getString("connection", ""), rooms);
  }
}
