package clusterchat.admin;

import clusterchat.cluster.Addresses;
import clusterchat.cluster.RoomQuota;
import clusterchat.core.RoomDirectory;
import clusterchat.metrics.ChatMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.logging.Logger;

/**
 * Gauges of the node's and the cluster's state. The cluster-wide counts are asynchronous reads,
 * so {@link #refresh()} takes them before each scrape; a read that fails shows as NaN, not as an
 * old value.
 */
final class NodeGauges {

  private static final Logger LOG = Logger.getLogger(NodeGauges.class.getName());

  private final Vertx vertx;
  private final RoomDirectory rooms;
  private volatile double clusterUsers = Double.NaN;
  private volatile double clusterRooms = Double.NaN;

  /** rooms is null on a worker; manager is null when not clustered. */
  NodeGauges(Vertx vertx, ChatMetrics metrics, RoomQuota quota, RoomDirectory rooms, HazelcastClusterManager manager) {
    this.vertx = vertx;
    this.rooms = rooms;
    metrics.gauge("clusterchat.rooms.hosted", "Rooms with members on this node", quota::openRooms);
    metrics.gauge("clusterchat.cluster.members", "Nodes in the cluster, this one included",
        () -> manager == null ? 1 : manager.getNodes().size());
    metrics.gauge("clusterchat.cluster.users", "Users connected to any node of the cluster", () -> clusterUsers);
    if (rooms != null) {
      metrics.gauge("clusterchat.cluster.rooms", "Rooms with members on any node of the cluster", () -> clusterRooms);
    }
  }

  Future<Void> refresh() {
    Future<Integer> users = Bounded.call(() -> vertx.sharedData().getAsyncMap(Addresses.USERS_MAP)
        .compose(AsyncMap::size));
    Future<Integer> roomCount = rooms == null ? Future.succeededFuture(0)
        : Bounded.call(rooms::roomCount);
    return Future.join(users, roomCount).transform(done -> {
      clusterUsers = users.succeeded() ? users.result() : Double.NaN;
      clusterRooms = roomCount.succeeded() ? roomCount.result() : Double.NaN;
      if (done.failed()) {
        LOG.fine(() -> "could not read the cluster's user or room count: " + done.cause());
      }
      return Future.succeededFuture();
    });
  }
}
