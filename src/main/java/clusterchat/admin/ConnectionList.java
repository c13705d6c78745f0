package clusterchat.admin;

import clusterchat.server.ChatServerVerticle;
import clusterchat.server.ConnectionInfo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.List;

/**
 * This node's connections, oldest first, one page at a time (like nats' /connz): the reply stays
 * small on a node with 10,000 connections unless the caller asks for more.
 */
final class ConnectionList {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final String nodeId;
  private final List<ChatServerVerticle> servers;

  /** servers is empty on a worker. */
  ConnectionList(String nodeId, List<ChatServerVerticle> servers) {
    this.nodeId = nodeId;
    this.servers = List.copyOf(servers);
  }

  /** The page of connections offset to offset+limit-1; each server instance gives its oldest offset+limit. */
  Future<JsonObject> page(int offset, int limit) {
    int first = offset + limit;
    int total = servers.stream().mapToInt(ChatServerVerticle::connectionCount).sum();
    List<Future<List<ConnectionInfo>>> parts = servers.stream()
        .map(server -> Bounded.within(server.connections(first)))
        .toList();
    return Future.all(parts).map(all -> {
      JsonArray page = new JsonArray();
      parts.stream()
          .flatMap(part -> part.result().stream())
          .sorted(Comparator.comparingLong(ConnectionInfo::sequence))
          .skip(offset)
          .limit(limit)
          .forEach(connection -> page.add(connection.toJson()));
      return new JsonObject().put("node", nodeId).put("total", total).put("offset", offset).put("limit", limit)
          .put("connections", page);
    });
  }
}
