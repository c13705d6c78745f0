package clusterchat.cluster;

import clusterchat.core.PresenceEvent;
import clusterchat.core.RoomEvent;
import clusterchat.core.UserDirectory;
import clusterchat.core.UserRecord;
import com.hazelcast.core.LifecycleEvent;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.spi.cluster.NodeListener;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Keeps the user directory true to cluster membership. When a node dies its users are removed and
 * their rooms see them quit with "node lost"; a periodic sweep catches anything a missed event left
 * behind; after a split-brain merge the local instances re-assert their users. One per node, on
 * its own event loop.
 */
public final class ClusterMembership extends VerticleBase {

  /** Local address told when this node has merged back after a split; every server instance listens. */
  public static final String MERGED_ADDRESS = "clusterchat.local.merged";
  /** The quit reason rooms see for users of a dead node. */
  public static final String NODE_LOST = "node lost";

  private static final Logger LOG = Logger.getLogger(ClusterMembership.class.getName());

  private final HazelcastClusterManager manager;
  private final long sweepMillis;
  private UserDirectory directory;
  private EventBusRoomBus rooms;

  public ClusterMembership(HazelcastClusterManager manager, int failureTimeoutSeconds) {
    this.manager = manager;
    this.sweepMillis = failureTimeoutSeconds * 1000L;
  }

  @Override
  public Future<?> start() {
    rooms = new EventBusRoomBus(vertx);
    return SharedDataUserDirectory.open(vertx).onSuccess(opened -> {
      directory = opened;
      manager.nodeListener(new NodeListener() {
        @Override
        public void nodeAdded(String nodeId) {
          LOG.info(() -> "node " + nodeId + " joined; the cluster has " + manager.getNodes().size() + " nodes");
        }

        @Override
        public void nodeLeft(String nodeId) {
          LOG.info(() -> "node " + nodeId + " left; the cluster has " + manager.getNodes().size() + " nodes");
          // Called on a Hazelcast thread: hop onto this verticle's event loop.
          context.runOnContext(v -> removeUsersOf(Set.of(nodeId)));
        }
      });
      manager.getHazelcastInstance().getLifecycleService().addLifecycleListener(event -> {
        if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
          context.runOnContext(v -> vertx.eventBus().publish(MERGED_ADDRESS, null));
        }
      });
      vertx.setPeriodic(sweepMillis, id -> removeUsersOf(null));
    });
  }

  /** Removes users of the given nodes, or of every node not in the cluster when nodes is null. */
  private void removeUsersOf(Set<String> nodes) {
    Set<String> alive = new HashSet<>(manager.getNodes());
    directory.all().onSuccess(users -> {
      for (UserRecord user : users) {
        boolean gone = nodes != null ? nodes.contains(user.nodeId()) : !alive.contains(user.nodeId());
        if (gone) {
          directory.remove(user).onSuccess(removed -> {
            if (removed) {
              announceLost(user);
            }
          });
        }
      }
    }).onFailure(err -> LOG.warning("could not clean up after departed nodes: " + err));
  }

  private void announceLost(UserRecord user) {
    LOG.info(() -> "removed " + user.nick() + " of departed node " + user.nodeId());
    List<String> userRooms = user.rooms();
    for (String room : userRooms) {
      rooms.publish(new RoomEvent(RoomEvent.Kind.QUIT, room, user.nick(), NODE_LOST, ""));
    }
    rooms.publish(PresenceEvent.disconnect(user.nick(), user.nodeId(), NODE_LOST));
  }
}
