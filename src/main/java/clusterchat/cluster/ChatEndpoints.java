package clusterchat.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import java.util.List;
import java.util.function.Predicate;

/**
 * Where each chat node takes plain-protocol clients (host:port), cluster-wide by node id: a node
 * that drains sends its clients to the others (BYE RECONNECT). Entries of nodes that are gone are
 * skipped and removed when read.
 */
public final class ChatEndpoints {

  private final AsyncMap<String, String> endpoints;
  private final String memberId;
  private final Predicate<String> alive;

  private ChatEndpoints(AsyncMap<String, String> endpoints, String memberId, Predicate<String> alive) {
    this.endpoints = endpoints;
    this.memberId = memberId;
    this.alive = alive;
  }

  /** memberId: this node's id; alive: whether a node id is in the cluster now. */
  public static Future<ChatEndpoints> open(Vertx vertx, String memberId, Predicate<String> alive) {
    return vertx.sharedData().<String, String>getAsyncMap(Addresses.ENDPOINTS_MAP)
        .map(map -> new ChatEndpoints(map, memberId, alive));
  }

  public Future<Void> announce(String hostAndPort) {
    return endpoints.put(memberId, hostAndPort);
  }

  public Future<Void> withdraw() {
    return endpoints.remove(memberId).mapEmpty();
  }

  /** The other live nodes' endpoints, sorted. */
  public Future<List<String>> others() {
    return endpoints.entries().map(all -> {
      all.forEach((node, endpoint) -> {
        if (!alive.test(node)) {
          endpoints.removeIfPresent(node, endpoint);
        }
      });
      return all.entrySet().stream()
          .filter(entry -> !entry.getKey().equals(memberId) && alive.test(entry.getKey()))
          .map(entry -> entry.getValue()).sorted().toList();
    });
  }
}
