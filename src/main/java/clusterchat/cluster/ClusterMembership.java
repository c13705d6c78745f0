package clusterchat.cluster;

import clusterchat.core.PresenceEvent;
import clusterchat.core.RoomDirectory;
import clusterchat.core.RoomEvent;
import clusterchat.core.RoomLog;
import clusterchat.core.SessionRecord;
import clusterchat.core.SessionStore;
import clusterchat.core.UserDirectory;
import clusterchat.core.UserRecord;
import com.hazelcast.cluster.Cluster;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Keeps the user and room directories true to cluster membership. One per node, on its own event
 * loop, driven by Hazelcast's own membership and lifecycle events:
 * <ul>
 *   <li>a node left or died: its users are removed and their rooms see them quit with "node lost",
 *   except those whose session waits for /resume (see SessionRecord): they keep their nick and seats
 *   until it expires, session.resumeSeconds after the loss (found by the next sweep); this node's
 *   own users are stored again where the loss took their only copy;</li>
 *   <li>a split healed (MERGED, fired after Hazelcast applied its merge policy): every local user
 *   claims its nick again through its connection's queue and is announced again, records and seats
 *   this node holds for connections it no longer has are removed, and users of nodes gone meanwhile;</li>
 *   <li>the oldest member sweeps for leftovers of departed nodes every failure timeout.</li>
 * </ul>
 */
public final class ClusterMembership extends VerticleBase {

  /**
   * Local address told to re-check every local user (body: true to announce them again as after a
   * split); every server instance listens and runs the check in each connection's order.
   */
  public static final String RECONCILE_ADDRESS = "clusterchat.local.reconcile";
  /** Local address told when this node has merged back after a split (Hazelcast's MERGED event). */
  public static final String MERGED_ADDRESS = "clusterchat.local.merged";
  /** The quit reason rooms see for users of a dead node. */
  public static final String NODE_LOST = "node lost";
  /** The quit reason rooms see for a record this node held for a connection it no longer has. */
  static final String CONNECTION_GONE = "connection lost";
  /** The member attribute in which vertx-hazelcast keeps a member's Vert.x node id (stable across merges). */
  private static final String NODE_ID_ATTRIBUTE = "__vertx.nodeId";

  private static final Logger LOG = Logger.getLogger(ClusterMembership.class.getName());

  private final HazelcastClusterManager manager;
  private final long sweepMillis;
  private final RoomDirectory roomDirectory;
  private final RoomLog roomLog;
  private final Set<String> liveConnections;
  private final LongSupplier resumeMillis;
  private HazelcastInstance hazelcast;
  private UserDirectory directory;
  private SessionStore sessions;
  private EventBusRoomBus rooms;
  private UUID membershipListener;
  private UUID lifecycleListener;

  public ClusterMembership(HazelcastClusterManager manager, int failureTimeoutSeconds, RoomDirectory roomDirectory,
      RoomLog roomLog, Set<String> liveConnections, LongSupplier resumeMillis) {
    this.manager = manager;
    this.resumeMillis = resumeMillis;
    this.sweepMillis = failureTimeoutSeconds * 1000L;
    this.roomDirectory = roomDirectory;
    this.roomLog = roomLog;
    this.liveConnections = liveConnections;
  }

  @Override
  public Future<?> start() {
    hazelcast = manager.getHazelcastInstance();
    rooms = EventBusRoomBus.publisher(vertx, roomLog);
    return SharedDataSessionStore.open(vertx).onSuccess(opened -> sessions = opened)
        .compose(v -> SharedDataUserDirectory.open(vertx)).onSuccess(opened -> {
      directory = opened;
      // Hazelcast calls these on its own threads: each hops onto this verticle's event loop.
      membershipListener = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
        @Override
        public void memberAdded(MembershipEvent event) {
          LOG.info(() -> "node " + nodeId(event) + " joined; the cluster has " + event.getMembers().size() + " nodes");
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
          String departed = nodeId(event);
          LOG.info(() -> "node " + departed + " left; the cluster has " + event.getMembers().size() + " nodes");
          context.runOnContext(v -> afterLoss(departed));
        }
      });
      vertx.eventBus().localConsumer(MERGED_ADDRESS, message -> afterMerge());
      lifecycleListener = hazelcast.getLifecycleService().addLifecycleListener(event -> {
        if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
          vertx.eventBus().publish(MERGED_ADDRESS, null);
        }
      });
      vertx.setPeriodic(sweepMillis, id -> {
        if (isOldestMember()) {
          sweep(Set.of(), false);
        }
      });
    });
  }

  @Override
  public Future<?> stop() {
    if (hazelcast.getLifecycleService().isRunning()) {
      hazelcast.getCluster().removeMembershipListener(membershipListener);
      hazelcast.getLifecycleService().removeLifecycleListener(lifecycleListener);
    }
    return Future.succeededFuture();
  }

  private void afterLoss(String departed) {
    sweep(Set.of(departed), false);
    // With one backup, losing two nodes at once can lose the only copy of survivors' entries too.
    vertx.eventBus().publish(RECONCILE_ADDRESS, false);
  }

  private void afterMerge() {
    LOG.info(() -> "merged after a split; the cluster has " + manager.getNodes().size() + " nodes");
    vertx.eventBus().publish(RECONCILE_ADDRESS, true);
    sweep(Set.of(), true);
  }

  /**
   * One pass over the sessions and the user directory, then one over the rooms: removes (and
   * announces) users of nodes that are no longer members unless their session is held for /resume,
   * and with {@code ownGhosts} records of this node for connections it no longer has (after a
   * split, the other side's copy of a user who left meanwhile comes back with the merge).
   */
  private void sweep(Set<String> knownDeparted, boolean ownGhosts) {
    String self = manager.getNodeId();
    sessions.all().compose(records -> directory.all().map(users -> {
      // Read after the records: a record can only name a node that had joined, or a connection
      // that had registered, before it was written.
      Set<String> alive = new HashSet<>(manager.getNodes());
      Set<String> held = holdSessions(records, alive);
      Set<String> live = Set.copyOf(liveConnections);
      Set<String> departed = new HashSet<>(knownDeparted);
      for (UserRecord user : users) {
        if (!alive.contains(user.nodeId())) {
          departed.add(user.nodeId());
          if (!held.contains(user.connectionId())) {
            removeAndAnnounce(user, NODE_LOST);
          }
        } else if (ownGhosts && user.nodeId().equals(self) && !live.contains(user.connectionId())) {
          removeAndAnnounce(user, CONNECTION_GONE);
        }
      }
      if (!departed.isEmpty() || ownGhosts) {
        pruneSeats(departed, ownGhosts ? self : null, live, held);
      }
      return null;
    })).onFailure(err -> LOG.warning("could not sweep the directory after a membership change: " + err));
  }

  /**
   * The connections whose users stay although their node may be gone, because their session waits
   * for /resume: held (or resuming) sessions not yet expired, and live ones of departed nodes, which
   * are held from now for session.resumeSeconds. Expired holds of departed nodes are removed: no
   * node ends them.
   */
  private Set<String> holdSessions(Map<String, SessionRecord> records, Set<String> alive) {
    long now = System.currentTimeMillis();
    Set<String> held = new HashSet<>();
    records.forEach((token, session) -> {
      boolean nodeGone = !alive.contains(session.nodeId());
      if (session.isLive() && nodeGone) {
        held.add(session.connectionId());
        sessions.replace(token, session, session.heldUntil(now + resumeMillis.getAsLong(), null));
      } else if (!session.isLive() && !session.expired(now)) {
        held.add(session.connectionId());
      } else if (!session.isLive() && nodeGone) {
        sessions.remove(token, session);
      }
    });
    return held;
  }

  /** Removes a record and tells the presence stream; its rooms hear of it when its seats are pruned. */
  private void removeAndAnnounce(UserRecord user, String reason) {
    directory.remove(user).onSuccess(removed -> {
      if (removed) {
        LOG.info(() -> "removed " + user.nick() + " of node " + user.nodeId() + ": " + reason);
        rooms.publish(PresenceEvent.disconnect(user.nick(), user.nodeId(), reason));
      }
    });
  }

  /**
   * Removes stale seats (RoomDirectory#prune), but not those of held sessions, and tells each room who quit. The seats, not the user
   * records, drive the QUIT lines: a record may be lost with two nodes while the room's list survived.
   */
  private void pruneSeats(Set<String> deadNodes, String nodeId, Set<String> liveConnections, Set<String> held) {
    roomDirectory.prune(deadNodes, nodeId, liveConnections, held)
        .onSuccess(removed -> {
          // One quit per connection, the same event in each of its rooms, so IRC clients hear it once.
          Map<String, RoomEvent> quits = new HashMap<>();
          removed.forEach((room, seats) -> seats.forEach(seat -> {
            RoomEvent quit = quits.computeIfAbsent(seat.connectionId(), id -> new RoomEvent(RoomEvent.Kind.QUIT, room,
                seat.nick(), seat.nodeId().equals(nodeId) ? CONNECTION_GONE : NODE_LOST, "")
                .withOrigin(seat.profile().userAtHost()));
            rooms.publish(quit.inRoom(room));
          }));
        })
        .onFailure(err -> LOG.warning("could not remove stale room seats: " + err));
  }

  private boolean isOldestMember() {
    if (!hazelcast.getLifecycleService().isRunning()) {
      return false;
    }
    Cluster cluster = hazelcast.getCluster();
    return cluster.getMembers().iterator().next().localMember();
  }

  private static String nodeId(MembershipEvent event) {
    return event.getMember().getAttribute(NODE_ID_ATTRIBUTE);
  }
}
