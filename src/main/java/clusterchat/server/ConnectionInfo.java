package clusterchat.server;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * What an operator sees of one connection (the admin listener's /connz). {@code sequence} orders
 * connections by age on their node; idle time counts from the last line the client sent.
 */
public record ConnectionInfo(long sequence, String id, String listener, String nick, String ip, int port,
    List<String> rooms, long pendingBytes, long idleSeconds, long connectedAtMillis) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("listener", listener)
        .put("nick", nick)
        .put("ip", ip)
        .put("port", port)
        .put("rooms", new JsonArray(rooms))
        .put("pendingBytes", pendingBytes)
        .put("idleSeconds", idleSeconds)
        .put("connectedSince", Instant.ofEpochMilli(connectedAtMillis).toString());
  }
}
